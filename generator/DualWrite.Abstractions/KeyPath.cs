using System;
using System.Collections.Generic;

namespace DualWrite;

/// <summary>
/// Where one member of an integration key sits on an entity class, by schema names: a column of the entity
/// (<c>accountnumber</c>), or lookups followed to a column of the looked-up row (<c>msdyn_company</c>, then
/// <c>cdm_companycode</c>). Generated maps create their paths once, already split, so a runtime never parses them;
/// names compare ignoring case, as the services match them.
/// </summary>
public sealed class KeyPath : IEquatable<KeyPath>
{
    private readonly string[] _segments;

    /// <summary>Creates the path from its property names: the lookups in the order they are followed, then the column.</summary>
    /// <exception cref="ArgumentException">There is no segment, or one is empty or holds a dot.</exception>
    public KeyPath(params string[] segments)
    {
        if (segments is null || segments.Length == 0)
        {
            throw new ArgumentException("A key path has at least its column.", nameof(segments));
        }

        foreach (var segment in segments)
        {
            if (string.IsNullOrEmpty(segment) || segment.IndexOf('.') >= 0)
            {
                throw new ArgumentException($"'{segment}' is not a property name of a key path.", nameof(segments));
            }
        }

        _segments = (string[])segments.Clone();
        Text = string.Join(".", _segments);
    }

    /// <summary>The property names in order: the lookups followed, then the column.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <summary>The column that holds the value, on the entity itself or on the row the lookups reach.</summary>
    public string Column => _segments[_segments.Length - 1];

    /// <summary>Whether the value is read through at least one lookup.</summary>
    public bool ThroughLookup => _segments.Length > 1;

    /// <summary>The dotted form, <c>msdyn_company.cdm_companycode</c>, for messages.</summary>
    public string Text { get; }

    /// <summary>
    /// The value at the end of the path on <paramref name="entity"/>, an instance of <paramref name="descriptor"/>'s class
    /// (boxed for a value type): null where the entity or a lookup on the way is null.
    /// </summary>
    /// <exception cref="NotSupportedException">A segment names no property of its class, or a lookup's class is unknown.</exception>
    public object? ReadValue(IEntityDescriptor descriptor, object? entity)
    {
        if (descriptor is null)
        {
            throw new ArgumentNullException(nameof(descriptor));
        }

        for (var i = 0; i < _segments.Length && entity is not null; i++)
        {
            var property = PropertyOf(descriptor, _segments[i]);
            entity = property.GetValue(entity);
            if (i < _segments.Length - 1)
            {
                descriptor = property.Reference ?? throw new NotSupportedException($"'{_segments[i]}' of key path '{Text}' is not a lookup.");
            }
        }

        return entity;
    }

    /// <inheritdoc/>
    public bool Equals(KeyPath? other) => other is not null && string.Equals(Text, other.Text, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KeyPath);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Text);

    /// <summary>The dotted form.</summary>
    public override string ToString() => Text;

    private IEntityProperty PropertyOf(IEntityDescriptor descriptor, string name)
    {
        foreach (var property in descriptor.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        throw new NotSupportedException($"{descriptor.ClrType.Name} has no property '{name}' (key path '{Text}').");
    }
}
