using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DualWrite;

/// <summary>
/// The identity of a record on both sides: the company (null for global maps) and the key values, as
/// invariant text compared ignoring case, as F&amp;O's and Dataverse's databases compare them. An F&amp;O key
/// and the Dataverse key of the same record are equal.
/// </summary>
public readonly struct IntegrationKey : IEquatable<IntegrationKey>
{
    private readonly string?[]? _values;

    /// <summary>Creates a key from its company and values in key order.</summary>
    public IntegrationKey(string? company, params object?[] values)
    {
        Company = company;
        _values = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            _values[i] = Format(values[i]);
        }
    }

    /// <summary>The company code, or null for a global map.</summary>
    public string? Company { get; }

    /// <summary>The key values as invariant text.</summary>
    public IReadOnlyList<string?> Values => _values ?? Array.Empty<string?>();

    /// <summary>Whether every value is present: a record without its key cannot be matched.</summary>
    public bool IsComplete
    {
        get
        {
            foreach (var value in Values)
            {
                if (string.IsNullOrEmpty(value))
                {
                    return false;
                }
            }

            return Values.Count > 0;
        }
    }

    /// <inheritdoc/>
    public bool Equals(IntegrationKey other)
    {
        if (!string.Equals(Company, other.Company, StringComparison.OrdinalIgnoreCase) || Values.Count != other.Values.Count)
        {
            return false;
        }

        for (var i = 0; i < Values.Count; i++)
        {
            if (!string.Equals(Values[i], other.Values[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IntegrationKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = Company is null ? 17 : StringComparer.OrdinalIgnoreCase.GetHashCode(Company);
        foreach (var value in Values)
        {
            hash = unchecked((hash * 31) + (value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(value)));
        }

        return hash;
    }

    /// <summary><c>company|value1|value2</c>, with <c>|</c> and <c>\</c> escaped: a stable text form for storage.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, Company);
        foreach (var value in Values)
        {
            builder.Append('|');
            Append(builder, value);
        }

        return builder.ToString();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(IntegrationKey left, IntegrationKey right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IntegrationKey left, IntegrationKey right) => !left.Equals(right);

    private static void Append(StringBuilder builder, string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            if (c is '|' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTimeOffset moment => moment.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
