using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Payloads.Json;

/// <summary>
/// A structured type's declared properties by name, found from a payload's UTF-8 property name without a string of its
/// own: every row of a page repeats the same few names, and reading each as a new string was a large share of what a
/// page allocated. The name handed back is the schema's, one string for all rows.
/// </summary>
internal sealed class PropertyNames
{
    // Longer names (none a schema declares in practice) and escaped ones take the reader's string.
    private const int MaxLength = 128;
    private static readonly ConditionalWeakTable<IEdmStructuredType, PropertyNames> Known = new();
    private readonly Dictionary<string, IEdmProperty>.AlternateLookup<ReadOnlySpan<char>> _byName;

    private PropertyNames(IEdmStructuredType type)
    {
        var byName = new Dictionary<string, IEdmProperty>(StringComparer.Ordinal);
        foreach (var property in type.Properties())
        {
            byName.TryAdd(property.Name, property);
        }

        _byName = byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static PropertyNames Of(IEdmStructuredType type) => Known.GetValue(type, t => new PropertyNames(t));

    /// <summary>The declared property the reader's current property name names, as <see cref="IEdmStructuredType"/>'s FindProperty finds it; false for any other name.</summary>
    public bool TryFind(ref Utf8JsonReader reader, out string name, out IEdmProperty? property)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= MaxLength)
        {
            Span<char> chars = stackalloc char[MaxLength];
            if (Encoding.UTF8.TryGetChars(reader.ValueSpan, chars, out var count) && _byName.TryGetValue(chars[..count], out var declared, out var found))
            {
                name = declared;
                property = found;
                return true;
            }
        }

        name = string.Empty;
        property = null;
        return false;
    }
}
