using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Merges the entity classes and enums that each file uses into one class per entity type, so that maps in
/// different files share one generated type.
/// </summary>
internal static class EntityClassMerger
{
    public static EquatableArray<EntityClassModel> Merge(IEnumerable<EquatableArray<EntityClassModel>> files)
    {
        var merged = new Dictionary<(string, Syntax.Side, string), (EntityClassModel Model, Dictionary<string, EntityPropertyModel> Properties)>();
        foreach (var model in files.SelectMany(f => f))
        {
            var key = (model.Namespace, model.Side, model.ClassName);
            if (!merged.TryGetValue(key, out var entry))
            {
                entry = (model, new Dictionary<string, EntityPropertyModel>(StringComparer.Ordinal));
                merged.Add(key, entry);
            }
            else if (entry.Model.EntitySet is null && model.EntitySet is not null)
            {
                merged[key] = entry = (model, entry.Properties);
            }

            foreach (var property in model.Properties)
            {
                if (!entry.Properties.ContainsKey(property.Name))
                {
                    entry.Properties.Add(property.Name, property);
                }
            }
        }

        // Sorted, so the generated text does not depend on the order of files or fields.
        return merged.Values
            .Select(e => e.Model with { Properties = e.Properties.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Name, StringComparer.Ordinal).ToEquatableArray() })
            .OrderBy(m => m.Namespace, StringComparer.Ordinal).ThenBy(m => m.Side).ThenBy(m => m.ClassName, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    public static EquatableArray<EnumModel> MergeEnums(IEnumerable<EquatableArray<EnumModel>> files) => files
        .SelectMany(f => f)
        .GroupBy(e => (e.Namespace, e.Name))
        .Select(g => g.First())
        .OrderBy(e => e.Namespace, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)
        .ToEquatableArray();
}
