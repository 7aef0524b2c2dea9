using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Payloads;

namespace DualWrite.Runtime.OData.InitialSync;

/// <summary>
/// An entity set read in <see cref="KeyOrder"/> for the initial sync's merge, in memory bounded by a page: the service's
/// pages (<c>Prefer: odata.maxpagesize</c>, <c>@odata.nextLink</c>) go to a <see cref="KeyOrderSpool"/> as they arrive,
/// each row as its entity's image (lookups as the looked-up rows' keys, so reading it back asks the service nothing),
/// then come back sorted.
/// </summary>
internal static class KeyOrderScan
{
    public static async IAsyncEnumerable<KeyedRow<T>> ReadAsync<T>(ODataEnvironment environment, EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var table = environment.Schema.GetTable(descriptor);
        var scope = new ReadScope();
        using var spool = KeyOrderSpool.Create(Path.GetTempPath(), keyPaths.Count);
        await foreach (var page in environment.Service.ReadFeedAsync(environment.SetUrl(table, filter: null), table.Name, headers: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                var entity = await environment.ToEntityAsync(scope, descriptor, table, row.Properties, lenient: false, cancellationToken).ConfigureAwait(false);
                spool.Add(keyPaths.Select(path => ODataValues.KeyText(path.ReadValue(descriptor, entity))).ToList(), RowImage.Write(ODataEnvironment.ImageOf(descriptor, entity)));
            }

            spool.EndPage();
        }

        foreach (var (key, image) in spool.Read(after))
        {
            var entity = await environment.ToEntityAsync(scope, descriptor, table, RowImage.Read(image), lenient: false, cancellationToken).ConfigureAwait(false);
            yield return new KeyedRow<T>(key, (T)entity);
        }
    }
}
