using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// Retry from source: instead of a parked change's stored image, the record as its source holds it now (after a fix made
/// there) is applied, or its delete when the source no longer holds it.
/// </summary>
internal sealed partial class MapRunner<TFo, TDataverse>
{
    public async ValueTask<ApplyOutcome> ReplayFromSourceAsync(ChangeRecord latest, bool isNew, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        var item = await ItemOfAsync(latest, fo, dataverse, cancellationToken).ConfigureAwait(false);
        if (item.Error is { } error)
        {
            throw new RecordRefusedException(error);
        }

        if (!_context.Scope.IsLinked(_map, item.Key))
        {
            return ApplyOutcome.Skipped;
        }

        var keyValues = IntegrationKeys.Values(_map, item.Key);
        object? current = latest.Side == Side.Fo
            ? await fo.FindAsync(_map.Fo, _map.FoKeyPaths, keyValues, cancellationToken).ConfigureAwait(false)
            : await dataverse.FindAsync(_map.Dataverse, _map.DataverseKeyPaths, keyValues, cancellationToken).ConfigureAwait(false);

        // A record created since the last sync is still new for the number sequences, whichever version is applied.
        var now = current is null
            ? item with { Change = latest with { Operation = ChangeOperation.Delete } }
            : item with { Change = latest with { Operation = isNew ? ChangeOperation.Insert : ChangeOperation.Update }, Entity = current };
        return await ApplyAsync(now, fo, dataverse, cancellationToken).ConfigureAwait(false);
    }
}
