using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.OData.Metadata;

/// <summary>What maps use of one environment's schema: entity sets, and per set the navigation properties (lookups) they follow.</summary>
public sealed class CsdlUsage
{
    /// <summary>The entity sets, each with the navigation properties the maps follow from it.</summary>
    public IDictionary<string, ISet<string>> EntitySets { get; } = new Dictionary<string, ISet<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds an entity set the maps read or write.</summary>
    public ISet<string> Use(string entitySet)
    {
        if (!EntitySets.TryGetValue(entitySet, out var navigations))
        {
            navigations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            EntitySets.Add(entitySet, navigations);
        }

        return navigations;
    }
}
