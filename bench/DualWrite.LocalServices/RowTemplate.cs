using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace DualWrite.LocalServices;

/// <summary>
/// Column values for the i-th row of a run of rows, from a JSON object: a string is a composite format whose <c>{0}</c>
/// is the row number (<c>"G{0:D7}"</c>), numbers, booleans and null are taken as they are.
/// </summary>
internal sealed class RowTemplate
{
    private readonly IReadOnlyList<(string Column, JsonElement Value)> columns;

    public RowTemplate(JsonElement template) =>
        columns = template.ValueKind == JsonValueKind.Object
            ? template.EnumerateObject().Select(p => (p.Name, p.Value.Clone())).ToList()
            : throw new ArgumentException("A row template is a JSON object of column values.");

    /// <summary>The columns the template sets.</summary>
    public IEnumerable<string> Columns => columns.Select(c => c.Column);

    /// <summary>The values of row <paramref name="number"/>.</summary>
    public IReadOnlyDictionary<string, object?> Row(int number) =>
        columns.ToDictionary(c => c.Column, c => Value(c.Value, number), StringComparer.Ordinal);

    private static object? Value(JsonElement value, int number) => value.ValueKind switch
    {
        JsonValueKind.String => string.Format(CultureInfo.InvariantCulture, value.GetString()!, number),
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new ArgumentException($"A row template's values are strings, numbers, booleans or null, not {value.ValueKind}."),
    };
}
