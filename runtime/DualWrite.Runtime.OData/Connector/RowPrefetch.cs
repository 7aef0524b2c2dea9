using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Reads;
using Polly.Timeout;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// Reads the rows of many keys in a few queries: the <c>$filter</c> a single find sends for each key (the connector's
/// own, lookups resolved the same way), joined with <c>or</c>, a chunk of keys per request. Each row is materialized as a
/// find materializes it and filed under the key it holds, so a prefetched answer is the find's answer.
/// </summary>
internal static class RowPrefetch
{
    /// <summary>
    /// The longest URL a chunk makes, escaped as sent. Kestrel and many proxies refuse a request line over 8 KB; IIS
    /// (which F&amp;O runs on) allows longer URLs only when configured to, so a chunk stops short of 8 KB with room for the
    /// method and protocol.
    /// </summary>
    public const int MaxUrlLength = 7_500;

    private const char KeySeparator = '\u001f';

    /// <summary>The text a key is filed under: the table, the key paths and the values as <see cref="ODataValues.SameKey"/> compares them.</summary>
    public static string KeyText(TableSchema table, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
    {
        // One string per call: a pass builds it for every key it finds, three or four times over.
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendFormatted(table.Name);
        for (var i = 0; i < keyPaths.Count; i++)
        {
            text.AppendFormatted(KeySeparator);
            AppendUpper(ref text, keyPaths[i].Text);
            text.AppendFormatted(KeySeparator);
            if (i < keyValues.Count && keyValues[i] is { } value)
            {
                text.AppendFormatted('=');
                AppendUpper(ref text, ODataValues.KeyText(value));
            }
            else
            {
                text.AppendLiteral("null");
            }
        }

        return text.ToStringAndClear();
    }

    /// <summary>
    /// The rows of <paramref name="keys"/> (by <see cref="KeyText"/>): the located row, or null where the service has none.
    /// A key whose chunk held a row that could not be materialized is left out, so its find reads it alone and reports
    /// the failure for that record only.
    /// </summary>
    public static async Task<Dictionary<string, LocatedRow?>> ReadAsync(ODataEnvironment environment, ReadScope scope, TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyDictionary<string, IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
    {
        var located = new Dictionary<string, LocatedRow?>(keys.Count, StringComparer.Ordinal);
        var chunks = new List<(string Url, List<string> Keys)>();
        var chunk = new List<string>();
        var query = new KeyQuery(environment.SetUrl(table, string.Empty).AbsoluteUri);
        foreach (var (text, values) in keys)
        {
            string? filter;
            try
            {
                filter = await environment.KeyFilterAsync(scope, table, descriptor, keyPaths, values, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NotSupportedException or ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // A key the connector cannot look up is left to its find, which fails for its record only.
                continue;
            }

            located[text] = null;
            if (filter is null)
            {
                // A looked-up row of the key is missing: no row can match, as the find would conclude.
                continue;
            }

            var length = KeyQuery.ClauseLength(filter);
            if (query.Clauses > 0 && (query.Clauses >= environment.Options.PrefetchKeysPerQuery || query.LengthWith(length) > MaxUrlLength))
            {
                chunks.Add((query.Take(), chunk));
                chunk = new List<string>();
            }

            query.Add(filter, length);
            chunk.Add(text);
        }

        if (query.Clauses > 0)
        {
            chunks.Add((query.Take(), chunk));
        }

        for (var start = 0; start < chunks.Count; start += QueryBatch.MaxQueries)
        {
            var some = chunks.GetRange(start, Math.Min(QueryBatch.MaxQueries, chunks.Count - start));
            var firstPages = await FirstPagesAsync(environment, table, some, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < some.Count; i++)
            {
                await ReadChunkAsync(environment, scope, table, descriptor, keyPaths, some[i].Url, firstPages?[i], some[i].Keys, located, cancellationToken).ConfigureAwait(false);
            }
        }

        return located;
    }

    /// <summary>
    /// The first page of each chunk's query, asked for in one <c>$batch</c> when there are several (one request toward the
    /// service's limits instead of one per chunk); null when each query is to be sent on its own.
    /// </summary>
    private static async Task<IReadOnlyList<FeedPage>?> FirstPagesAsync(ODataEnvironment environment, TableSchema table, List<(string Url, List<string> Keys)> chunks, CancellationToken cancellationToken)
    {
        if (chunks.Count < 2)
        {
            return null;
        }

        try
        {
            return await QueryBatch.ReadFirstPagesAsync(environment.Service, chunks.ConvertAll(c => c.Url), table.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is ODataServiceException or EnvironmentWriteException or HttpRequestException or IOException or TimeoutRejectedException)
        {
            // A batch is not retried as a single query is (it is a POST): its queries go one by one, each with its retries.
            Http.Log.QueryBatchRefused(environment.Logger, table.Name, chunks.Count, exception.Message);
            return null;
        }
    }

    private static async Task ReadChunkAsync(ODataEnvironment environment, ReadScope scope, TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, string url, FeedPage? firstPage, List<string> chunk, Dictionary<string, LocatedRow?> located, CancellationToken cancellationToken)
    {
        var unreadable = false;
        await foreach (var page in PagesAsync(environment, table, url, firstPage, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                object entity;
                try
                {
                    entity = await environment.ToEntityAsync(scope, descriptor, table, row.Properties, lenient: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is EnvironmentWriteException or FormatException or InvalidCastException or OverflowException or ArgumentException)
                {
                    unreadable = true;
                    continue;
                }

                var text = KeyText(table, keyPaths, keyPaths.Select(path => path.ReadValue(descriptor, entity)).ToList());

                // The first row of a key is the one a find takes.
                if (located.TryGetValue(text, out var known) && known is null)
                {
                    located[text] = environment.Located(table, row, entity);
                }
            }
        }

        if (unreadable)
        {
            // A row that cannot be materialized (a looked-up row missing, a value that does not fit) holds a key that is
            // unknown, so the chunk's keys are read one by one and the find of that row fails for its record only.
            foreach (var text in chunk)
            {
                located.Remove(text);
            }
        }
    }

    private static async IAsyncEnumerable<FeedPage> PagesAsync(ODataEnvironment environment, TableSchema table, string url, FeedPage? firstPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (firstPage is not null)
        {
            yield return firstPage;
        }

        var next = firstPage is null ? new Uri(url) : firstPage.NextLink;
        if (next is null)
        {
            yield break;
        }

        await foreach (var page in environment.Service.ReadFeedAsync(next, table.Name, headers: null, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    private static void AppendUpper(ref DefaultInterpolatedStringHandler text, string value)
    {
        var upper = value.Length <= 128 ? stackalloc char[value.Length] : new char[value.Length];
        value.AsSpan().ToUpperInvariant(upper);
        text.AppendFormatted((ReadOnlySpan<char>)upper);
    }
}
