using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Flavors;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Storage;
using Microsoft.OData.Edm;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace DualWrite.LocalOData.Protocol;

/// <summary>Turns a request entity into stored column values: checks each property (writable, type, length, nullability) and resolves <c>@odata.bind</c> to the target's key.</summary>
public sealed class RowBuilder
{
    private readonly ODataStore store;
    private readonly ServiceFlavor flavor;

    /// <summary>Creates the builder.</summary>
    public RowBuilder(ODataStore store, ServiceFlavor flavor)
    {
        this.store = store;
        this.flavor = flavor;
    }

    /// <summary>The stored values the payload writes; binds are looked up inside <paramref name="scope"/>, so rows created earlier in a changeset count.</summary>
    public Dictionary<string, object?> Build(EntitySetInfo set, EntityPayload payload, Uri serviceRoot, WriteScope scope, ContentIdReferences? references)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in payload.Properties)
        {
            var column = set.FindColumn(name) ?? throw ODataServiceException.BadRequest($"Invalid property '{name}' was found in entity '{set.EntityType.FullName()}'.");
            if (column.IsComputed)
            {
                continue;
            }

            flavor.CheckWritable(set, column);
            values[name] = Checked(set, column, StorageValues.ToStorage(column, value));
        }

        foreach (var (navigation, target) in payload.Binds)
        {
            var lookup = set.Lookups.FirstOrDefault(l => l.NavigationName == navigation)
                ?? throw ODataServiceException.BadRequest($"'{navigation}' is not a single-valued navigation property of '{set.Name}' that @odata.bind can set.");
            values[lookup.Column] = ResolveBind(lookup, references?.Resolve(target, serviceRoot) ?? target, serviceRoot, scope);
        }

        foreach (var navigation in payload.Cleared)
        {
            var lookup = set.Lookups.FirstOrDefault(l => l.NavigationName == navigation)
                ?? throw ODataServiceException.BadRequest($"'{navigation}' is not a single-valued navigation property of '{set.Name}': only a lookup can be cleared with a null @odata.bind.");
            values[lookup.Column] = Checked(set, set.Column(lookup.Column), null);
        }

        return values;
    }

    /// <summary>Checks a stored value against the column's length and nullability.</summary>
    public static object? Checked(EntitySetInfo set, ColumnInfo column, object? stored)
    {
        if (stored is null && !column.IsNullable)
        {
            throw ODataServiceException.BadRequest($"Property '{column.Name}' of '{set.Name}' cannot be null.");
        }

        if (stored is string text && column.MaxLength is { } max && text.Length > max)
        {
            throw ODataServiceException.BadRequest(
                $"A validation error occurred. The length of the '{column.Name}' attribute of the '{set.EntityType.Name}' entity exceeded the maximum allowed length of '{max}'.",
                "0x80044331");
        }

        return stored;
    }

    /// <summary>A bind URL against the service root: "accounts(...)", "/accounts(...)" and "/api/data/v9.2/accounts(...)" all name the same row, as both services accept.</summary>
    private static Uri Absolute(Uri target, Uri serviceRoot)
    {
        if (target.IsAbsoluteUri)
        {
            return target;
        }

        var text = target.OriginalString;
        if (text.StartsWith(serviceRoot.AbsolutePath, StringComparison.Ordinal))
        {
            text = text[serviceRoot.AbsolutePath.Length..];
        }

        return new Uri(serviceRoot, text.TrimStart('/'));
    }

    private object ResolveBind(LookupInfo lookup, Uri target, Uri serviceRoot, WriteScope scope)
    {
        target = Absolute(target, serviceRoot);
        ODataPath path;
        try
        {
            path = new ODataUriParser(store.Model.Edm, serviceRoot, target) { Resolver = new AlternateKeysODataUriResolver(store.Model.Edm) }.ParsePath();
        }
        catch (ODataException e)
        {
            throw ODataServiceException.BadRequest($"Invalid @odata.bind '{target}' for '{lookup.NavigationName}': {e.Message}");
        }

        if (path.Count != 2 || path.FirstSegment is not EntitySetSegment setSegment || path.LastSegment is not KeySegment keySegment
            || setSegment.EntitySet.Name != lookup.TargetSet)
        {
            throw ODataServiceException.BadRequest($"@odata.bind of '{lookup.NavigationName}' must address one row of '{lookup.TargetSet}', not '{target}'.");
        }

        var targetSet = store.Model.Get(lookup.TargetSet);
        var key = EntityKey.From(targetSet, keySegment);
        return store.IdOf(scope, targetSet, key.Values) ?? throw flavor.BindTargetMissing(targetSet, key.ToString(), key.IsAlternate);
    }
}
