using System.Collections.Generic;
using System.Linq;
using static DualWrite.Generator.Tests.Filters.Records;

namespace DualWrite.Generator.Tests.Filters;

public class DataverseFilterCompilerTests
{
    internal static TestEntity Account() => new TestEntity("account", "Microsoft.Dynamics.CRM")
        .Property("name", "Edm.String")
        .Property("accountnumber", "Edm.String")
        .Property("customertypecode", "Edm.Int32")
        .Property("statecode", "Edm.Int32")
        .Property("creditlimit", "Edm.Decimal")
        .Property("versionnumber", "Edm.Int64")
        .Property("msdyn_sellable", "Edm.Boolean")
        .Property("accountid", "Edm.Guid")
        .Property("createdon", "Edm.DateTimeOffset")
        .Property("msdyn_duedate", "Edm.Date")
        .Property("_primarycontactid_value", "Edm.Guid")
        .Property("_msdyn_company_value", "Edm.Guid")
        .Property("_msdyn_owningcompany_value", "Edm.Guid")
        .Property("entityimage", "Edm.Binary")
        .Lookup("primarycontactid", "Microsoft.Dynamics.CRM.contact", "_primarycontactid_value")
        .Lookup("msdyn_company", "Microsoft.Dynamics.CRM.cdm_company", "_msdyn_company_value")
        .Lookup("msdyn_owningcompany", "Microsoft.Dynamics.CRM.cdm_company", "_msdyn_owningcompany_value");

    private static void AssertCompiles(string filter, string cSharp)
    {
        var result = Account().Dataverse(filter);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(cSharp, result.CSharpPredicate);
        Assert.Null(result.ODataFilter);
    }

    [Fact]
    public void Operators_and_literals()
    {
        AssertCompiles("customertypecode eq 3 and statecode eq 0", "entity.customertypecode == 3 && entity.statecode == 0");
        AssertCompiles("statecode ne 1", "entity.statecode != 1");
        AssertCompiles("creditlimit gt 1000.50", "entity.creditlimit > 1000.50m");
        AssertCompiles("creditlimit ge 10", "entity.creditlimit >= 10m");
        AssertCompiles("versionnumber lt 5000000000", "entity.versionnumber < 5000000000L");
        AssertCompiles("statecode le -1", "entity.statecode <= -1");
        AssertCompiles("msdyn_sellable eq true", "entity.msdyn_sellable == true");
        AssertCompiles("msdyn_sellable", "entity.msdyn_sellable == true");
        AssertCompiles("name eq 'it''s'", "string.Equals(entity.name, \"it's\", global::System.StringComparison.OrdinalIgnoreCase)");
        AssertCompiles("name ne 'A'", "!string.Equals(entity.name, \"A\", global::System.StringComparison.OrdinalIgnoreCase)");
        AssertCompiles("name gt 'M'", "string.Compare(entity.name, \"M\", global::System.StringComparison.OrdinalIgnoreCase) > 0");
        AssertCompiles("name lt 'M'", "entity.name is not null && string.Compare(entity.name, \"M\", global::System.StringComparison.OrdinalIgnoreCase) < 0");
        AssertCompiles("name eq null", "entity.name == null");
        AssertCompiles("_primarycontactid_value ne null", "entity._primarycontactid_value != null");
        AssertCompiles("accountid eq 3F2504E0-4F89-11D3-9A0C-0305E82C3301", "entity.accountid == new global::System.Guid(\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\")");
        AssertCompiles("createdon ge 2024-01-31", "entity.createdon >= new global::System.DateTimeOffset(2024, 1, 31, 0, 0, 0, global::System.TimeSpan.Zero)");
        AssertCompiles("createdon lt 2024-01-31T10:00:00Z", "entity.createdon < new global::System.DateTimeOffset(2024, 1, 31, 10, 0, 0, global::System.TimeSpan.Zero)");
        AssertCompiles("createdon lt 2024-01-31T10:00:00.5+02:00", "entity.createdon < new global::System.DateTimeOffset(2024, 1, 31, 10, 0, 0, 500, global::System.TimeSpan.FromMinutes(120))");
        AssertCompiles("createdon lt 2024-01-31T10:00:00.1234567+02:00",
            "entity.createdon < new global::System.DateTimeOffset(638422920001234567L, global::System.TimeSpan.FromMinutes(120))");
        AssertCompiles("msdyn_duedate eq 2024-02-29", "entity.msdyn_duedate == new global::System.DateOnly(2024, 2, 29)");
        AssertCompiles("3 eq customertypecode", "entity.customertypecode == 3");
        AssertCompiles("1000 lt creditlimit", "entity.creditlimit > 1000m");
        AssertCompiles("true", "true");
    }

    [Fact]
    public void Functions_logic_and_case_insensitive_keywords()
    {
        AssertCompiles("startswith(name, 'A')", "global::DualWrite.Generated.DualWriteFilterFunctions.StartsWith(entity.name, \"A\")");
        AssertCompiles("not contains(name, 'A')", "!global::DualWrite.Generated.DualWriteFilterFunctions.Contains(entity.name, \"A\")");
        AssertCompiles("endswith(name,'ilk') or statecode eq 0", "global::DualWrite.Generated.DualWriteFilterFunctions.EndsWith(entity.name, \"ilk\") || entity.statecode == 0");
        AssertCompiles("(name eq 'a' or name eq 'b') and statecode eq 0",
            "(string.Equals(entity.name, \"a\", global::System.StringComparison.OrdinalIgnoreCase) || string.Equals(entity.name, \"b\", global::System.StringComparison.OrdinalIgnoreCase)) && entity.statecode == 0");
        AssertCompiles("not statecode eq 0", "!(entity.statecode == 0)");
        AssertCompiles("not (statecode eq 0 or statecode eq 1)", "!(entity.statecode == 0 || entity.statecode == 1)");
        AssertCompiles("statecode EQ 0 AND NOT msdyn_sellable Or customertypecode Eq 3",
            "(entity.statecode == 0 && !(entity.msdyn_sellable == true)) || entity.customertypecode == 3");
    }

    public static IEnumerable<object[]> Errors() => new[]
    {
        new object[] { "primarycontactid/fullname eq 'x'", "DW0005", 0, 25, "'primarycontactid/fullname' reads a column through the lookup 'primarycontactid': a dual-write filter can only test the table's own columns; to test the reference itself, write _primarycontactid_value (the lookup's GUID)" },
        new object[] { "primarycontactid eq null", "DW0003", 0, 16, "'primarycontactid' is a lookup, not a column; to test the reference write _primarycontactid_value (the lookup's GUID)" },
        new object[] { "Name eq 'x'", "DW0003", 0, 4, "'Name' is not a column of the Dataverse table account (column names are logical names: lower case, matched exactly); did you mean 'name'?" },
        new object[] { "_msdyn_company_value eq 3F2504E0-4F89-11D3-9A0C-0305E82C3301", "DW0011", 0, 20, "'_msdyn_company_value' restricts the legal entity: which companies sync is chosen when the environments are linked, never per map; remove this condition" },
        new object[] { "msdyn_company/cdm_companycode eq 'usmf'", "DW0011", 0, 29, null! },
        new object[] { "_msdyn_owningcompany_value ne null", "DW0011", 0, 26, null! },
        new object[] { "contacts/any(c: c/fullname eq 'x')", "DW0006", 9, 25, "the lambda operator 'any' is not supported in a dual-write filter; a filter tests the columns of the record itself" },
        new object[] { "tolower(name) eq 'x'", "DW0006", 0, 13, "the function 'tolower' is not supported in a dual-write filter; use contains, startswith or endswith, or compare a column with a value" },
        new object[] { "statecode add 1 eq 2", "DW0006", 10, 3, "arithmetic ('add') is not supported in a dual-write filter; compare a column with a constant value" },
        new object[] { "name in ('a', 'b')", "DW0006", 5, 2, "'in' is not supported in a dual-write filter; write one comparison per value: name eq 'a' or name eq 'b'" },
        new object[] { "statecode eq '0'", "DW0007", 13, 3, "'statecode' is an integer (Edm.Int32) and cannot be compared with a string; write the number without quotes, 0" },
        new object[] { "name eq 3", "DW0007", 8, 1, "'name' is a string (Edm.String) and cannot be compared with a number; write the value in single quotes, '3'" },
        new object[] { "msdyn_sellable eq 1", "DW0007", 18, 1, "'msdyn_sellable' is a boolean (Edm.Boolean) and cannot be compared with a number; write true or false" },
        new object[] { "statecode gt null", "DW0007", 13, 4, "an ordering comparison with null is always false in OData; write statecode eq null or statecode ne null" },
        new object[] { "msdyn_duedate eq 2024-02-30", "DW0007", 17, 10, "'2024-02-30' is not a valid date or date-time; write 2024-01-31 or 2024-01-31T10:00:00Z" },
        new object[] { "contains(statecode, '1')", "DW0007", 9, 9, "contains works on strings, and 'statecode' is an integer (Edm.Int32); compare it with eq, ne, lt, le, gt or ge" },
        new object[] { "entityimage eq null and entityimage ne 'x'", "DW0007", 0, 11, null! },
        new object[] { "statecode", "DW0007", 0, 9, "'statecode' is an integer (Edm.Int32), not a condition; compare it with a value, e.g. statecode eq …" },
        new object[] { "statecode == 0", "DW0004", 10, 1, "'=' is not an OData operator; write eq, ne, lt, le, gt, ge, and, or, not" },
        new object[] { "name eq \"x\"", "DW0004", 8, 3, "strings are written in single quotes in OData: 'x'" },
        new object[] { "name eq 'x", "DW0004", 8, 1, "the string is not closed; end it with ' (a quote inside is written '')" },
        new object[] { "statecode eq 0 and", "DW0004", 18, 0, "expected a column, a value or '(', found the end of the filter" },
        new object[] { "(statecode eq 0", "DW0004", 15, 0, "expected ')' to close the '(' at offset 0, found the end of the filter" },
        new object[] { "statecode 0", "DW0004", 10, 1, "expected 'and', 'or' or the end of the filter, found '0'" },
        new object[] { "statecode eq 1 eq 2", "DW0004", 15, 2, null! },
        new object[] { "name eq accountnumber", "DW0006", 5, 2, "comparing two columns is not supported in a dual-write filter; compare each column with a constant value" },
        new object[] { "1 eq 1", "DW0004", 0, 6, "a comparison must compare a column with a value, e.g. statecode eq 0" },
        new object[] { "'x'", "DW0004", 0, 3, "''x'' is a value, not a condition; compare a column with it, e.g. column eq 'x'" },
        new object[] { "contains(name)", "DW0004", 0, 14, "contains takes two arguments: write contains(column, 'text')" },
        new object[] { "contains('a', 'b')", "DW0004", 9, 3, "the first argument of contains must be a string column: write contains(column, 'text')" },
        new object[] { "contains(name, accountnumber)", "DW0007", 15, 13, "the second argument of contains must be a string in single quotes: write contains(column, 'text')" },
        new object[] { "contains(name, 'a') eq true", "DW0004", 0, 19, "contains(…) is a condition by itself; write it without comparing it, e.g. contains(column, 'text') or not contains(column, 'text')" },
        new object[] { "true eq startswith(name, 'a')", "DW0004", 8, 21, "startswith(…) is a condition by itself; write it without comparing it, e.g. startswith(column, 'text') or not startswith(column, 'text')" },
        new object[] { "accountid gt 3F2504E0-4F89-11D3-9A0C-0305E82C3301", "DW0007", 10, 2, "'accountid' is a GUID (Edm.Guid), which has no order; compare it with eq or ne" },
        new object[] { "versionnumber eq 99999999999999999999", "DW0007", 17, 20, "'versionnumber' is an integer (Edm.Int64) and cannot be compared with a number; the number is out of range" },
        new object[] { "creditlimit eq 1e999", "DW0007", 15, 5, "'creditlimit' is a decimal (Edm.Decimal) and cannot be compared with a number; the number is out of range" },
        new object[] { "statecode eq true", "DW0007", 13, 4, "'statecode' is an integer (Edm.Int32) and cannot be compared with a boolean; write a number such as 3 or 12.5" },
        new object[] { "accountid eq '3F2504E0-4F89-11D3-9A0C-0305E82C3301'", "DW0007", 13, 38, "'accountid' is a GUID (Edm.Guid) and cannot be compared with a string; write the GUID without quotes, 3F2504E0-4F89-11D3-9A0C-0305E82C3301" },
        new object[] { "msdyn_duedate eq 'x'", "DW0007", 17, 3, "'msdyn_duedate' is a date (Edm.Date) and cannot be compared with a string; write a date such as 2024-01-31" },
        new object[] { "createdon eq 'x'", "DW0007", 13, 3, "'createdon' is a date and time (Edm.DateTimeOffset) and cannot be compared with a string; write a date and time such as 2024-01-31T10:00:00Z" },
        new object[] { "name eq true", "DW0007", 8, 4, "'name' is a string (Edm.String) and cannot be compared with a boolean; write the value in single quotes, 'true'" },
        new object[] { "name eq 3F2504E0-4F89-11D3-9A0C-0305E82C3301", "DW0007", 8, 36, "'name' is a string (Edm.String) and cannot be compared with a GUID; write the value in single quotes, '3F2504E0-4F89-11D3-9A0C-0305E82C3301'" },
        new object[] { "name eq 2024-01-31", "DW0007", 8, 10, "'name' is a string (Edm.String) and cannot be compared with a date; write the value in single quotes, '2024-01-31'" },
        new object[] { "name eq 2024-01-31T10:00:00Z", "DW0007", 8, 20, "'name' is a string (Edm.String) and cannot be compared with a date and time; write the value in single quotes, '2024-01-31T10:00:00Z'" },
        new object[] { "Microsoft.Dynamics.CRM.x'1' eq statecode", "DW0007", 0, 27, "'statecode' is an integer (Edm.Int32) and cannot be compared with an enum value; write a number such as 3 or 12.5" },
        new object[] { "name # 'x'", "DW0004", 5, 1, "unexpected character '#'" },
        new object[] { "-statecode eq 1", "DW0006", 0, 1, "arithmetic (negation) is not supported in a dual-write filter; compare a column with a constant value" },
        new object[] { "primarycontactid/3 eq 1", "DW0004", 17, 1, "expected a name after '/', found '3'" },
        new object[] { "primarycontactid/foo(1) eq 1", "DW0006", 17, 6, "'foo(…)' is a function, which a dual-write filter does not support; use contains, startswith or endswith, or compare a column with a value" },
        new object[] { "foo(name", "DW0004", 3, 1, "'(' is not closed" },
        new object[] { "eq 1", "DW0004", 0, 2, "expected a column or a value before 'eq', found 'eq'" },
        new object[] { "name eq \"a\\\"b\"", "DW0004", 8, 6, "strings are written in single quotes in OData: 'a\"b'" },
        new object[] { "name eq 3F2504E0-4F89-11D3-9A0C-0305E82C3301x", "DW0004", 8, 37, "'3F2504E0-4F89-11D3-9A0C-0305E82C3301x' is not a number, date or GUID" },
        new object[] { "accountid eq 3F2504E0-4F89-11D3-9A0C-0305E82C3301-1", "DW0004", 13, 38, "'3F2504E0-4F89-11D3-9A0C-0305E82C3301-1' is not a number, date or GUID" },
        new object[] { "", "DW0004", 0, 0, "the filter is empty; write a condition such as statecode eq 0, or remove the filter" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Errors_point_at_the_token_and_say_what_to_write(string filter, string id, int offset, int length, string? message)
    {
        var result = Account().Dataverse(filter);
        Assert.Null(result.CSharpPredicate);
        var diagnostic = result.Diagnostics.First();
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(TestEntity.FilePrefix.Length + offset, diagnostic.Location!.Range.Start);
        Assert.Equal(length, diagnostic.Location.Range.Length);
        if (message is not null)
        {
            Assert.Equal(message, diagnostic.GetMessage());
        }
    }

    [Fact]
    public void Company_takes_precedence_over_nested_lookup()
    {
        var result = Account().Dataverse("msdyn_company/cdm_companycode eq 'usmf'");
        Assert.Equal(new[] { "DW0011" }, result.Diagnostics.Select(d => d.Id).ToArray());
    }

    private static readonly string[] Filters =
    {
        "customertypecode eq 3 and statecode eq 0",
        "statecode ne 1",
        "statecode lt 1",
        "creditlimit ge 10",
        "creditlimit le 10.5",
        "msdyn_sellable eq true and _primarycontactid_value ne null",
        "msdyn_sellable eq false",
        "not msdyn_sellable",
        "name eq null",
        "name ne null",
        "name eq 'CONTOSO'",
        "name ne 'contoso'",
        "name lt 'm'",
        "name ge 'M'",
        "startswith(name, 'con')",
        "not contains(name, 'A')",
        "endswith(name, 'SO')",
        "createdon ge 2024-01-01",
        "createdon lt 2024-01-01T12:00:00Z",
        "msdyn_duedate le 2024-02-29",
        "(statecode eq 0 or statecode eq null) and customertypecode ne 3",
    };

    private static readonly IReadOnlyDictionary<string, object?>[] Table =
    {
        R(),
        R(("name", "Contoso"), ("customertypecode", 3), ("statecode", 0), ("creditlimit", 10m), ("msdyn_sellable", true),
            ("_primarycontactid_value", System.Guid.NewGuid()), ("createdon", new System.DateTimeOffset(2024, 1, 1, 12, 0, 0, System.TimeSpan.Zero)),
            ("msdyn_duedate", new System.DateOnly(2024, 2, 29))),
        R(("name", "adventure works"), ("customertypecode", 1), ("statecode", 1), ("creditlimit", 10.51m), ("msdyn_sellable", false),
            ("createdon", new System.DateTimeOffset(2023, 12, 31, 23, 59, 59, System.TimeSpan.Zero)), ("msdyn_duedate", new System.DateOnly(2024, 3, 1))),
        R(("name", ""), ("statecode", null), ("customertypecode", 2), ("creditlimit", -1m)),
        R(("name", "MAIN"), ("statecode", 0), ("customertypecode", null), ("msdyn_sellable", null)),
    };

    [Fact]
    public void Predicates_follow_odata_null_semantics_on_a_table_of_records()
    {
        var entity = Account();
        var compiled = Filters.Select(f => entity.Dataverse(f)).ToList();
        Assert.All(compiled, c => Assert.Empty(c.Diagnostics));
        var harness = PredicateHarness.Compile(entity, compiled.Select(c => c.CSharpPredicate!).ToList());
        for (var i = 0; i < Filters.Length; i++)
        {
            foreach (var record in Table)
            {
                var predicate = harness.Evaluate(i, record);
                var reference = ReferenceODataEvaluator.Evaluate(Filters[i], entity, record, foWildcards: false);
                Assert.True(predicate == reference,
                    $"{Filters[i]} on {{{string.Join(", ", record.Select(kv => kv.Key + "=" + kv.Value))}}}: C# {predicate}, reference {reference}");
            }
        }
    }
}
