using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DualWrite.LocalOData.Flavors;
using DualWrite.LocalOData.Storage;
using Microsoft.OData.UriParser;

namespace DualWrite.LocalOData.Protocol;

/// <summary>GET of a row, of a collection page by page, and of the changes after a delta token.</summary>
public sealed class ReadHandler
{
    private readonly ODataStore store;
    private readonly ServiceFlavor flavor;

    /// <summary>Creates the handler.</summary>
    public ReadHandler(ODataStore store, ServiceFlavor flavor)
    {
        this.store = store;
        this.flavor = flavor;
    }

    /// <summary>GET of one row by primary or alternate key; <c>If-None-Match</c> with its ETag answers 304.</summary>
    public ODataResponse ReadRow(ParsedRequest parsed)
    {
        StoredRow row;
        using (var connection = store.OpenConnection())
        {
            row = store.Find(connection, null, parsed.Set, parsed.Key!.Values) ?? throw flavor.NotFound(parsed.Set, parsed.Key.ToString());
        }

        if (parsed.Request.Header("If-None-Match") == row.ETag)
        {
            return ODataResponse.Empty(304, new Dictionary<string, string> { ["ETag"] = row.ETag });
        }

        return Writer(parsed).Entity(200, parsed.Set, row, parsed.Parser.ParseSelectAndExpand());
    }

    /// <summary>GET of a collection: filtered, ordered, paged with next links, and with a delta link when changes are tracked.</summary>
    public ODataResponse ReadCollection(ParsedRequest parsed)
    {
        var parser = parsed.Parser;
        var prefer = parsed.Request.Prefer;
        var deltaToken = parser.ParseDeltaToken();
        if ((prefer.TrackChanges || deltaToken is not null) && !flavor.SupportsChangeTracking)
        {
            throw ODataServiceException.BadRequest($"{flavor.Name} does not support change tracking over OData.");
        }

        var select = parser.ParseSelectAndExpand();
        if (select is not null && select.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any())
        {
            throw new ODataServiceException(501, "0x8006088a", "The local OData service does not support $expand.");
        }

        if (deltaToken is not null)
        {
            return ReadChanges(parsed, deltaToken, select);
        }

        var filter = parser.ParseFilter();
        var orderBy = parser.ParseOrderBy();
        var top = parser.ParseTop();
        if (prefer.TrackChanges && (filter is not null || orderBy is not null || top is not null))
        {
            throw ODataServiceException.BadRequest("Change tracking does not support $filter, $orderby or $top.", "0x80060888");
        }

        var token = PageToken.Decode(parser.ParseSkipToken());
        var pageSize = Math.Min(prefer.MaxPageSize ?? flavor.DefaultPageSize, flavor.MaxPageSize);
        var remainingTop = token is null ? top : token.RemainingTop;
        var limit = Math.Min(pageSize, remainingTop ?? long.MaxValue);
        var where = SqlCondition.And(flavor.ReadScope(parsed.Set, parsed.CustomQueryOptions), filter is null ? null : FilterTranslator.Translate(parsed.Set, filter));
        var order = OrderByTranslator.Translate(parsed.Set, orderBy);
        var after = token?.After?.Select(JsonValue).ToList();
        var offset = token?.Offset ?? parser.ParseSkip() ?? 0;

        IReadOnlyList<StoredRow> rows;
        long? deltaStart;
        using (var connection = store.OpenConnection())
        {
            deltaStart = prefer.TrackChanges ? token?.DeltaToken ?? store.Head(connection) : null;
            rows = store.Query(connection, parsed.Set, new RowQuery(where, order, after, offset, limit + 1));
        }

        Uri? nextLink = null;
        if (rows.Count > limit)
        {
            rows = rows.Take((int)limit).ToList();
            var last = rows[^1];
            var next = order.Count == 0
                ? new PageToken(parsed.Set.Key.Select(k => JsonSerializer.SerializeToElement(last.Values[k])).ToList(), 0, remainingTop - limit, deltaStart)
                : new PageToken(null, offset + limit, remainingTop - limit, deltaStart);
            nextLink = PageToken.WithQueryOption(parsed.Request.Uri, "$skiptoken", next.Encode(), "$skip", "$top");
        }

        var deltaLink = deltaStart is { } start ? PageToken.WithQueryOption(parsed.Request.Uri, "$deltatoken", start.ToString(System.Globalization.CultureInfo.InvariantCulture), "$skiptoken") : null;
        var headers = new Dictionary<string, string>();
        if (prefer.AppliedToRead(pageSize) is { } applied)
        {
            headers["Preference-Applied"] = applied;
        }

        return Writer(parsed).Page(parsed.Set, rows, select, nextLink, deltaLink, headers);
    }

    /// <summary>
    /// GET of <c>&lt;set&gt;/$count</c>: the rows the filter and the company scope let through, as plain text, at most the
    /// flavor's <see cref="ServiceFlavor.CountLimit"/>.
    /// </summary>
    public ODataResponse Count(ParsedRequest parsed)
    {
        var filter = parsed.Parser.ParseFilter();
        var where = SqlCondition.And(flavor.ReadScope(parsed.Set, parsed.CustomQueryOptions), filter is null ? null : FilterTranslator.Translate(parsed.Set, filter));
        long count;
        using (var connection = store.OpenConnection())
        {
            count = store.Count(connection, parsed.Set, where);
        }

        var text = Math.Min(count, flavor.CountLimit ?? long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ODataResponse(200, new Dictionary<string, string> { ["Content-Type"] = "text/plain", ["OData-Version"] = "4.0" }, System.Text.Encoding.UTF8.GetBytes(text));
    }

    private ODataResponse ReadChanges(ParsedRequest parsed, string deltaToken, SelectExpandClause? select)
    {
        if (!long.TryParse(deltaToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var since))
        {
            throw ODataServiceException.BadRequest($"Invalid $deltatoken '{deltaToken}'.");
        }

        // A delta read pages like any other: the skip token holds where the page ends and the head the read started at.
        var token = PageToken.Decode(parsed.Parser.ParseSkipToken());
        var pageSize = Math.Min(parsed.Request.Prefer.MaxPageSize ?? flavor.DefaultPageSize, flavor.MaxPageSize);
        var changes = new List<(StoredRow? Row, ChangedRow Change)>();
        long head;
        using (var connection = store.OpenConnection())
        using (var snapshot = connection.BeginTransaction(deferred: true))
        {
            head = token?.DeltaToken ?? store.Head(connection);
            foreach (var change in store.ChangesSince(connection, parsed.Set, since, head, token?.Offset ?? since, pageSize + 1))
            {
                changes.Add((change.Deleted ? null : store.Find(connection, snapshot, parsed.Set, change.Key), change));
            }
        }

        Uri? nextLink = null;
        Uri? deltaLink = null;
        if (changes.Count > pageSize)
        {
            changes.RemoveAt(changes.Count - 1);
            nextLink = PageToken.WithQueryOption(parsed.Request.Uri, "$skiptoken", new PageToken(null, changes[^1].Change.Sequence, null, head).Encode());
        }
        else
        {
            deltaLink = PageToken.WithQueryOption(parsed.Request.Uri, "$deltatoken", head.ToString(System.Globalization.CultureInfo.InvariantCulture), "$skiptoken");
        }

        return Writer(parsed).Delta(parsed.Set, changes, select, nextLink, deltaLink);
    }

    private ResponseWriter Writer(ParsedRequest parsed) => new(store.Model, parsed.ServiceRoot);

    private static object? JsonValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => element.GetDouble(),
        _ => null,
    };
}
