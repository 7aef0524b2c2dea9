using System;
using System.Collections.Generic;

namespace DualWrite.Benchmarks;

/// <summary>
/// How a metadata-driven integration maps a record: field rows read at start-up (source column, target
/// column, default, value map or function) applied to records held as name/value dictionaries. This is the
/// shape of Microsoft's dual-write map definitions executed by a generic engine.
/// </summary>
internal sealed class DictionaryMapper
{
    private readonly FieldRow[] _rows;

    public DictionaryMapper(FieldRow[] rows) => _rows = rows;

    public void Map(IReadOnlyDictionary<string, object?> source, Dictionary<string, object?> target)
    {
        foreach (var row in _rows)
        {
            object? value = row.Source is null ? null : source.TryGetValue(row.Source, out var found) ? found : null;
            if (value is null)
            {
                value = row.Default;
            }
            else if (row.ValueMap is not null)
            {
                value = row.ValueMap.TryGetValue(value, out var mapped) ? mapped : row.ValueMapElse ?? throw new InvalidOperationException($"No value-map entry for '{value}'.");
            }
            else if (row.Function is not null)
            {
                value = row.Function(value);
            }

            target[row.Target] = value;
        }
    }

    /// <summary>The Customers map towards Dataverse as metadata rows.</summary>
    public static DictionaryMapper Customers() => new(new[]
    {
        new FieldRow("dataAreaId", "msdyn_company.cdm_companycode"),
        new FieldRow("CustomerAccount", "accountnumber"),
        new FieldRow("OrganizationName", "name"),
        new FieldRow("CustomerGroupId", "msdyn_customergroupid.msdyn_groupid"),
        new FieldRow("CreditLimit", "creditlimit") { Default = 0m },
        new FieldRow("PaymentTerms", "msdyn_paymentterms")
        {
            ValueMap = new Dictionary<object, object?>(new CaseInsensitiveValues()) { ["Net30"] = 1, ["Net60"] = 2, ["COD"] = 3, ["Net10"] = 1 },
            ValueMapElse = 1,
        },
        new FieldRow(null, "customertypecode") { Default = 3 },
        new FieldRow("AddressCity", "address1_city") { Function = v => Contoso.Integration.Text.TitleCase((string?)v) },
        new FieldRow("OnHoldStatus", "msdyn_onholdstatus")
        {
            ValueMap = new Dictionary<object, object?> { ["No"] = 806380000, ["Invoice"] = 806380001, ["All"] = 806380002, ["Payment"] = 806380003, ["Requisition"] = 806380004, ["Never"] = 806380005 },
        },
    });

    /// <summary>The F&amp;O customer as an OData payload arrives: property names and boxed values.</summary>
    public static Dictionary<string, object?> CustomerRecord() => new()
    {
        ["dataAreaId"] = "usmf",
        ["CustomerAccount"] = "US0042",
        ["OrganizationName"] = "Fabrikam Electronics",
        ["CustomerGroupId"] = "30",
        ["CreditLimit"] = 250000m,
        ["PaymentTerms"] = "Net60",
        ["AddressCity"] = "Seattle",
        ["OnHoldStatus"] = "No",
        ["PartyType"] = "Organization",
        ["LanguageId"] = "en-us",
    };

    public sealed record FieldRow(string? Source, string Target)
    {
        public object? Default { get; init; }

        public Dictionary<object, object?>? ValueMap { get; init; }

        public object? ValueMapElse { get; init; }

        public Func<object?, object?>? Function { get; init; }
    }

    private sealed class CaseInsensitiveValues : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => x is string a && y is string b ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : object.Equals(x, y);

        public int GetHashCode(object obj) => obj is string s ? StringComparer.OrdinalIgnoreCase.GetHashCode(s) : obj.GetHashCode();
    }
}
