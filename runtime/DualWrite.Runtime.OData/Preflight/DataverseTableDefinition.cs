using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>An alternate key as Dataverse reports it: its attributes (a lookup by its attribute name) and its index status.</summary>
internal sealed record DataverseKeyDefinition(string LogicalName, IReadOnlySet<string> Attributes, string IndexStatus);

/// <summary>
/// What the preflight reads of a table's definition (<c>EntityDefinitions(LogicalName='…')</c>, an <c>EntityMetadata</c>):
/// <c>ChangeTrackingEnabled</c>, the table's privileges by <c>PrivilegeType</c>, and its <c>Keys</c> (<c>EntityKeyMetadata</c>).
/// </summary>
internal sealed record DataverseTableDefinition(string LogicalName, bool ChangeTrackingEnabled, IReadOnlyDictionary<string, (Guid Id, string Name)> Privileges, IReadOnlyList<DataverseKeyDefinition> Keys)
{
    /// <summary>The query: the properties it reads, with the keys expanded.</summary>
    public static string Query(string logicalName) =>
        $"EntityDefinitions(LogicalName='{logicalName}')?$select=LogicalName,ChangeTrackingEnabled,Privileges&$expand=Keys($select=LogicalName,KeyAttributes,EntityKeyIndexStatus)";

    /// <summary>The table's logical name: its CSDL entity type's name without the namespace.</summary>
    public static string LogicalNameOf(string entityType) => entityType[(entityType.LastIndexOf('.') + 1)..];

    /// <summary>The attribute behind a Web API property: a lookup's <c>_x_value</c> is the attribute <c>x</c>, which key definitions name.</summary>
    public static string AttributeOf(string property) =>
        property.Length > "__value".Length && property.StartsWith('_') && property.EndsWith("_value", StringComparison.Ordinal)
            ? property[1..^"_value".Length]
            : property;

    public static DataverseTableDefinition Read(JsonElement json)
    {
        var privileges = new Dictionary<string, (Guid, string)>(StringComparer.OrdinalIgnoreCase);
        if (json.TryGetProperty("Privileges", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var privilege in list.EnumerateArray())
            {
                if (privilege.TryGetProperty("PrivilegeType", out var type) && privilege.TryGetProperty("PrivilegeId", out var id) && id.TryGetGuid(out var guid))
                {
                    privileges[type.GetString() ?? string.Empty] = (guid, privilege.TryGetProperty("Name", out var name) ? name.GetString() ?? string.Empty : string.Empty);
                }
            }
        }

        var keys = new List<DataverseKeyDefinition>();
        if (json.TryGetProperty("Keys", out var keyList) && keyList.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in keyList.EnumerateArray())
            {
                var attributes = key.TryGetProperty("KeyAttributes", out var names) && names.ValueKind == JsonValueKind.Array
                    ? names.EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase)
                    : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                keys.Add(new DataverseKeyDefinition(
                    key.TryGetProperty("LogicalName", out var keyName) ? keyName.GetString() ?? string.Empty : string.Empty,
                    attributes,
                    key.TryGetProperty("EntityKeyIndexStatus", out var status) ? status.GetString() ?? string.Empty : string.Empty));
            }
        }

        return new DataverseTableDefinition(
            json.TryGetProperty("LogicalName", out var logical) ? logical.GetString() ?? string.Empty : string.Empty,
            json.TryGetProperty("ChangeTrackingEnabled", out var tracking) && tracking.ValueKind == JsonValueKind.True,
            privileges,
            keys);
    }

    /// <summary>The key made of exactly these columns, or null when the table has none (the drift check reports a key that is gone).</summary>
    public DataverseKeyDefinition? FindKey(IReadOnlyList<string> columns) =>
        Keys.FirstOrDefault(k => k.Attributes.Count == columns.Count && columns.All(c => k.Attributes.Contains(AttributeOf(c))));
}
