using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Flavors;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Storage;

namespace DualWrite.LocalOData.Protocol;

/// <summary>POST (create), PATCH (update, or Dataverse's upsert by primary or alternate key) and DELETE, each inside a write transaction it is given.</summary>
public sealed class WriteHandler
{
    private readonly ODataStore store;
    private readonly ServiceFlavor flavor;
    private readonly TimeProvider time;
    private readonly RowBuilder builder;

    /// <summary>Creates the handler.</summary>
    public WriteHandler(ODataStore store, ServiceFlavor flavor, TimeProvider time)
    {
        this.store = store;
        this.flavor = flavor;
        this.time = time;
        builder = new RowBuilder(store, flavor);
    }

    /// <summary>POST to a collection.</summary>
    public ODataResponse Create(ParsedRequest parsed, WriteScope scope)
    {
        var payload = PayloadReader.Read(parsed.Request, store.Model, parsed.Set, parsed.ServiceRoot, flavor.ClearsLookupsWithNull);
        var values = builder.Build(parsed.Set, payload, parsed.ServiceRoot, scope, parsed.Request.References);
        flavor.CompleteNewRow(parsed.Set, values);
        CheckReferences(scope, parsed.Set, values, values.Keys);
        return Written(parsed, Insert(scope, parsed.Set, values), created: true);
    }

    /// <summary>PATCH of a row: <c>If-Match: *</c> only updates, <c>If-None-Match: *</c> only creates, <c>If-Match: etag</c> updates that version only.</summary>
    public ODataResponse Patch(ParsedRequest parsed, WriteScope scope)
    {
        var set = parsed.Set;
        var key = parsed.Key!;
        var payload = PayloadReader.Read(parsed.Request, store.Model, set, parsed.ServiceRoot, flavor.ClearsLookupsWithNull);
        var existing = store.Find(scope, set, key.Values);
        var ifMatch = parsed.Request.Header("If-Match");
        var values = builder.Build(set, payload, parsed.ServiceRoot, scope, parsed.Request.References);
        if (existing is null)
        {
            if (ifMatch is not null || !flavor.PatchUpserts)
            {
                throw flavor.NotFound(set, key.ToString());
            }

            foreach (var (column, value) in key.Values)
            {
                if (values.TryGetValue(column, out var given) && !SameValue(given, value))
                {
                    throw ODataServiceException.BadRequest($"Property '{column}' in the body ('{given}') differs from the key in the URL ('{value}').");
                }

                values[column] = value;
                CheckLookupTarget(scope, set, column, value);
            }

            flavor.CompleteNewRow(set, values);
            CheckReferences(scope, set, values, values.Keys);
            return Written(parsed, Insert(scope, set, values), created: true);
        }

        if (parsed.Request.Header("If-None-Match") == "*")
        {
            throw flavor.DuplicateKey(set);
        }

        CheckVersion(set, existing, ifMatch);
        foreach (var column in set.Key.Where(values.ContainsKey))
        {
            if (!SameValue(values[column], existing.Values[column]))
            {
                throw ODataServiceException.BadRequest($"The key property '{column}' of '{set.Name}' cannot be changed.");
            }
        }

        var merged = new Dictionary<string, object?>(existing.Values);
        foreach (var (column, value) in values)
        {
            merged[column] = value;
        }

        CheckReferences(scope, set, merged, values.Keys);
        var primaryKey = ODataStore.PrimaryKey(set, existing);
        flavor.Stamp(set, values, creating: false, store.NextVersion(scope), time.GetUtcNow());
        try
        {
            store.Update(scope, set, existing, values);
        }
        catch (DuplicateKeyException)
        {
            throw flavor.DuplicateKey(set);
        }

        return Written(parsed, store.Find(scope, set, primaryKey)!, created: false);
    }

    /// <summary>DELETE of a row; <c>If-Match: etag</c> deletes that version only.</summary>
    public ODataResponse Delete(ParsedRequest parsed, WriteScope scope)
    {
        var set = parsed.Set;
        var existing = store.Find(scope, set, parsed.Key!.Values) ?? throw flavor.NotFound(set, parsed.Key.ToString());
        CheckVersion(set, existing, parsed.Request.Header("If-Match"));
        store.Delete(scope, set, existing);
        return ODataResponse.Empty(204);
    }

    /// <summary>Inserts a new row: completes service-set values, checks the key, logs the change and stamps the row.</summary>
    public StoredRow Insert(WriteScope scope, EntitySetInfo set, Dictionary<string, object?> values)
    {
        flavor.CompleteNewRow(set, values);
        foreach (var column in set.Key.Where(k => values.GetValueOrDefault(k) is null))
        {
            throw ODataServiceException.BadRequest($"The key property '{column}' of '{set.Name}' is required.");
        }

        foreach (var column in set.Columns.Where(c => !c.IsNullable && values.ContainsKey(c.Name)))
        {
            RowBuilder.Checked(set, column, values[column.Name]);
        }

        if (store.Find(scope, set, set.Key.ToDictionary(k => k, k => values[k])) is not null)
        {
            throw flavor.DuplicateKey(set);
        }

        flavor.Stamp(set, values, creating: true, store.NextVersion(scope), time.GetUtcNow());
        try
        {
            store.Insert(scope, set, values);
        }
        catch (DuplicateKeyException)
        {
            throw flavor.DuplicateKey(set);
        }

        return store.Find(scope, set, set.Key.ToDictionary(k => k, k => values[k]))!;
    }

    /// <summary>For a service that enforces them, each reference whose columns the write touches must name an existing row (an empty or null column names none).</summary>
    private void CheckReferences(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> row, IEnumerable<string> written)
    {
        if (!flavor.EnforcesReferences)
        {
            return;
        }

        var touched = written.ToHashSet(StringComparer.Ordinal);
        foreach (var reference in set.References.Where(r => r.Columns.Any(touched.Contains)))
        {
            var values = reference.Columns.Select(c => row.GetValueOrDefault(c)).ToList();
            if (values.Any(v => v is null or ""))
            {
                continue;
            }

            var target = store.Model.Get(reference.TargetSet);
            var key = reference.TargetColumns.Select((c, i) => (c, values[i])).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);
            if (store.IdOf(scope, target, key) is null)
            {
                throw flavor.ReferenceMissing(set, reference, $"{values[^1]}");
            }
        }
    }

    /// <summary>A lookup column set from an alternate key in the URL must name an existing row, as one set by <c>@odata.bind</c> must.</summary>
    private void CheckLookupTarget(WriteScope scope, EntitySetInfo set, string column, object? value)
    {
        if (set.LookupByColumn(column) is not { } lookup || value is null)
        {
            return;
        }

        var target = store.Model.Get(lookup.TargetSet);
        if (store.IdOf(scope, target, new Dictionary<string, object?> { [target.Key[0]] = value }) is null)
        {
            throw flavor.BindTargetMissing(target, $"{value}", byAlternateKey: false);
        }
    }

    private void CheckVersion(EntitySetInfo set, StoredRow existing, string? ifMatch)
    {
        if (ifMatch is not null && ifMatch != "*" && ifMatch.Split(',', StringSplitOptions.TrimEntries).All(tag => tag != existing.ETag))
        {
            throw flavor.VersionMismatch(set);
        }
    }

    private ODataResponse Written(ParsedRequest parsed, StoredRow row, bool created)
    {
        var url = KeyLiteral.RowUrl(parsed.ServiceRoot, parsed.Set, row).AbsoluteUri;
        var headers = new Dictionary<string, string> { ["OData-EntityId"] = url };
        if (created)
        {
            headers["Location"] = url;
        }

        var representation = parsed.Request.Prefer.ReturnRepresentation;
        if (representation || created && flavor.CreateReturnsRow && parsed.Request.Method == "POST")
        {
            if (representation)
            {
                headers["Preference-Applied"] = "return=representation";
            }

            return new ResponseWriter(store.Model, parsed.ServiceRoot)
                .Entity(created ? 201 : 200, parsed.Set, row, parsed.Parser.ParseSelectAndExpand(), headers);
        }

        headers["ETag"] = row.ETag;
        return ODataResponse.Empty(204, headers);
    }

    private static bool SameValue(object? left, object? right) =>
        left is string a && right is string b ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : Equals(left, right);
}
