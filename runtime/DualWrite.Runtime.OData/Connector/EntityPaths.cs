using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// Writes an entity's values along key paths (<c>accountnumber</c>, <c>msdyn_company.cdm_companycode</c>) and matches
/// them; <see cref="KeyPath.ReadValue"/> reads them.
/// </summary>
internal static class EntityPaths
{
    public static IEntityProperty? Property(IEntityDescriptor descriptor, string name)
    {
        // An index loop, not LINQ or foreach over the interface: every queued write asks for several properties, and either would allocate each time.
        var properties = descriptor.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (string.Equals(properties[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return properties[i];
            }
        }

        return null;
    }

    /// <summary>Sets the value at the path, creating the lookup objects on the way.</summary>
    public static void Write(IEntityDescriptor descriptor, object entity, KeyPath path, object? value)
    {
        var segments = path.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var property = Property(descriptor, segments[i])
                ?? throw new NotSupportedException($"{descriptor.ClrType.Name} has no property '{segments[i]}' (key path '{path}').");
            if (i == segments.Count - 1)
            {
                property.SetValue(entity, value is null ? null : Payloads.ODataValues.ToClr(value, property.ClrType));
                return;
            }

            var reference = property.Reference ?? throw new NotSupportedException($"'{segments[i]}' of key path '{path}' is not a lookup.");
            var next = property.GetValue(entity);
            if (next is null)
            {
                next = reference.CreateInstance();
                property.SetValue(entity, next);
            }

            entity = next;
            descriptor = reference;
        }
    }

    /// <summary>Whether a lookup object names no row (<see cref="LookupReferences.NamesNoRow"/>): writing it clears the lookup.</summary>
    public static bool IsEmpty(IEntityDescriptor descriptor, object reference) => LookupReferences.NamesNoRow(descriptor, reference);

    /// <summary>An entity holding only the key paths' values: how a row named by key paths is addressed.</summary>
    public static object KeyEntity(IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
    {
        if (keyPaths.Count != keyValues.Count || keyPaths.Count == 0)
        {
            throw new ArgumentException($"{keyPaths.Count} key paths and {keyValues.Count} key values do not identify a row.");
        }

        var entity = descriptor.CreateInstance();
        for (var i = 0; i < keyPaths.Count; i++)
        {
            Write(descriptor, entity, keyPaths[i], keyValues[i]);
        }

        return entity;
    }

    public static bool Matches(IEntityDescriptor descriptor, object entity, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
    {
        for (var i = 0; i < keyPaths.Count; i++)
        {
            if (!Payloads.ODataValues.SameKey(keyPaths[i].ReadValue(descriptor, entity), keyValues[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static string Describe(IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues) =>
        string.Join(" and ", keyPaths.Select((path, i) => $"{path} = '{keyValues[i]}'"));
}
