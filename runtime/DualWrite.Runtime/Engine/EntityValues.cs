using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine;

/// <summary>Copies and compares entities through their descriptors, lookups included.</summary>
internal static class EntityValues
{
    /// <summary>A deep copy: transforms assign into lookup objects (<c>(x ??= new()).key = …</c>), so sharing them would hide the change.</summary>
    public static T Copy<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var copy = descriptor.Create();
        foreach (var property in descriptor.TypedProperties)
        {
            if (property.Reference is { } reference)
            {
                var value = property.Get(entity);
                property.Set(copy, value is null ? null : Copy(reference, value));
            }
            else
            {
                // Typed: a column's value type is copied without boxing.
                property.CopyValue(entity, copy);
            }
        }

        return copy;
    }

    /// <summary>The properties whose values differ.</summary>
    public static IReadOnlyList<string> Changed<T>(EntityDescriptor<T> descriptor, T before, T after)
        where T : class
    {
        var changed = new List<string>();
        foreach (var property in descriptor.TypedProperties)
        {
            // A column compares typed, without boxing; a lookup compares its looked-up row's key columns.
            var same = property.Reference is null
                ? property.ValuesEqual(before, after)
                : Same(property, property.Get(before), property.Get(after), insideLookup: false);
            if (!same)
            {
                changed.Add(property.Name);
            }
        }

        return changed;
    }

    private static object Copy(IEntityDescriptor descriptor, object entity)
    {
        var copy = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            var value = property.GetValue(entity);
            property.SetValue(copy, value is not null && property.Reference is { } reference ? Copy(reference, value) : value);
        }

        return copy;
    }

    private static bool Same(IEntityProperty property, object? left, object? right, bool insideLookup)
    {
        if (property.Reference is { } reference)
        {
            if (left is null || right is null)
            {
                // An empty lookup object and no lookup object both mean the lookup is not set.
                return IsEmpty(reference, left) && IsEmpty(reference, right);
            }

            foreach (var nested in reference.Properties)
            {
                if (!Same(nested, nested.GetValue(left), nested.GetValue(right), insideLookup: true))
                {
                    return false;
                }
            }

            return true;
        }

        // A lookup binds by alternate key, which both services compare ignoring case; a column's case is data.
        return left is string a && right is string b
            ? string.Equals(a, b, insideLookup ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            : Equals(left, right);
    }

    private static bool IsEmpty(IEntityDescriptor descriptor, object? entity) => LookupReferences.NamesNoRow(descriptor, entity);
}
