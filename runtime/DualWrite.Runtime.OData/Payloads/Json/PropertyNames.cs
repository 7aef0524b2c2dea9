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
            Structural += property is IEdmStructuralProperty ? 1 : 0;
        }

        _byName = byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many values a row of the type holds at most: its declared structural properties.</summary>
    public int Structural { get; }

    public static PropertyNames Of(IEdmStructuredType type) => Known.GetValue(type, t => new PropertyNames(t));

    /// <summary>
    /// The reader's current property name and the declared property it names, as <see cref="IEdmStructuredType"/>'s
    /// FindProperty finds it (null for any other name). A declared name comes back as the schema's string; an escaped,
    /// very long or undeclared one as the reader's.
    /// </summary>
    public (string Name, IEdmProperty? Property) Read(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= MaxLength)
        {
            Span<char> chars = stackalloc char[MaxLength];
            if (Encoding.UTF8.TryGetChars(reader.ValueSpan, chars, out var count) && _byName.TryGetValue(chars[..count], out var declared, out var found))
            {
                return (declared, found);
            }
        }

        var name = reader.GetString()!;
        return (name, _byName.Dictionary.TryGetValue(name, out var property) ? property : null);
    }
}
