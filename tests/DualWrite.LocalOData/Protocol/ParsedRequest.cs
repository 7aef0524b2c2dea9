using System;
using System.Collections.Generic;
using DualWrite.LocalOData.Model;
using Microsoft.OData.UriParser;

namespace DualWrite.LocalOData.Protocol;

/// <summary>A request whose URL addresses an entity set or one of its rows, parsed by ODataLib.</summary>
/// <param name="Request">The request.</param>
/// <param name="ServiceRoot">The service root the URL was parsed against.</param>
/// <param name="Set">The entity set addressed.</param>
/// <param name="Key">The row's key, or null when the URL addresses the collection.</param>
/// <param name="Parser">The URL's parser, for its query options.</param>
/// <param name="IsCount">Whether the URL addresses the collection's <c>/$count</c>.</param>
public sealed record ParsedRequest(ODataRequest Request, Uri ServiceRoot, EntitySetInfo Set, EntityKey? Key, ODataUriParser Parser, bool IsCount = false)
{
    /// <summary>The query options that are not OData system options (e.g. F&amp;O's <c>cross-company</c>).</summary>
    public IReadOnlyDictionary<string, string?> CustomQueryOptions
    {
        get
        {
            var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var option in Parser.CustomQueryOptions)
            {
                options[option.Key] = option.Value;
            }

            return options;
        }
    }
}
