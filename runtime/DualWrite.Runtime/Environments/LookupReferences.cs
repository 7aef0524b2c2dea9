using System;

namespace DualWrite.Runtime.Environments;

/// <summary>When a lookup object (the looked-up row's key values) names a row, for every environment and the engine alike.</summary>
public static class LookupReferences
{
    /// <summary>
    /// Whether a lookup object names no row, so writing it clears the lookup. An empty string counts as no value: F&amp;O
    /// has no null strings and spells "none" so, and Dataverse keeps an empty string as null. The company lookup inside
    /// it counts as no value either: it only completes the key of a company-specific row (from the record's own company,
    /// as dual-write binds it), and a lookup whose own key value was cleared keeps it from the row it was read from.
    /// </summary>
    public static bool NamesNoRow(IEntityDescriptor descriptor, object? reference)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (reference is null)
        {
            return true;
        }

        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is not null && string.Equals(property.Name, DataverseCompany.Lookup, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = property.GetValue(reference);
            var set = property.Reference is { } nested ? !NamesNoRow(nested, value) : value is not null and not "";
            if (set)
            {
                return false;
            }
        }

        return true;
    }
}
