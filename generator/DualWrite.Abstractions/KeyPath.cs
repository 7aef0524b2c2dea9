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

    /// <inheritdoc/>
    public bool Equals(KeyPath? other) => other is not null && string.Equals(Text, other.Text, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KeyPath);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Text);

    /// <summary>The dotted form.</summary>
    public override string ToString() => Text;
}
