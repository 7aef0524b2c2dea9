using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// How the engine reads a change log, by what the environment can do: what an environment cannot do natively (select by
/// origin, count, find an earlier image) is done here from what it can, so no environment emulates it on its own.
/// </summary>
internal static class ChangeLogReads
{
    /// <summary>Both change logs' heads, F&amp;O's first.</summary>
    public static async ValueTask<(long Fo, long Dataverse)> HeadsAsync(IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, CancellationToken cancellationToken) =>
        (await fo.GetHeadAsync(cancellationToken).ConfigureAwait(false), await dataverse.GetHeadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Every change of the range, in order.</summary>
    public static ValueTask<IReadOnlyList<ChangeRecord>> ReadAllAsync(IDualWriteEnvironment environment, string entitySet, long after, long through, CancellationToken cancellationToken) =>
        environment.ReadChangesAsync(entitySet, after, through, ChangeOrigins.All, int.MaxValue, cancellationToken);

    /// <summary>
    /// The first changes of the range that <paramref name="origins"/> selects, up to <paramref name="limit"/>; from an
    /// environment that cannot select, the whole range's selected changes (the next page then starts past them all).
    /// </summary>
    public static async ValueTask<IReadOnlyList<ChangeRecord>> ReadPageAsync(IDualWriteEnvironment environment, string entitySet, long after, long through, ChangeOrigins origins, int limit, CancellationToken cancellationToken)
    {
        if (Has(environment, EnvironmentCapabilities.ReadsByOrigin))
        {
            return await environment.ReadChangesAsync(entitySet, after, through, origins, limit, cancellationToken).ConfigureAwait(false);
        }

        var changes = await ReadAllAsync(environment, entitySet, after, through, cancellationToken).ConfigureAwait(false);
        if (origins == ChangeOrigins.All)
        {
            return changes;
        }

        var selected = new List<ChangeRecord>();
        foreach (var change in changes)
        {
            if (change.IsFromRuntime == (origins == ChangeOrigins.Runtime))
            {
                selected.Add(change);
            }
        }

        return selected;
    }

    /// <summary>How many changes the range holds and how many of them ordinary writers made; read and counted where the environment cannot count.</summary>
    public static async ValueTask<ChangeCount> CountAsync(IDualWriteEnvironment environment, string entitySet, long after, long through, CancellationToken cancellationToken)
    {
        if (Has(environment, EnvironmentCapabilities.NativeChangeCounts))
        {
            return await environment.CountChangesAsync(entitySet, after, through, cancellationToken).ConfigureAwait(false);
        }

        var changes = await ReadAllAsync(environment, entitySet, after, through, cancellationToken).ConfigureAwait(false);
        var ordinary = 0L;
        foreach (var change in changes)
        {
            ordinary += change.IsFromRuntime ? 0 : 1;
        }

        return new ChangeCount(changes.Count, ordinary);
    }

    /// <summary>The row's change before <paramref name="beforeSequence"/>; null when the log holds none or the environment keeps no earlier images.</summary>
    public static ValueTask<ChangeRecord?> PreviousAsync(IDualWriteEnvironment environment, string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        Has(environment, EnvironmentCapabilities.PreviousImages)
            ? environment.PreviousChangeAsync(entitySet, rowKey, beforeSequence, cancellationToken)
            : new((ChangeRecord?)null);

    public static bool Has(IDualWriteEnvironment environment, EnvironmentCapabilities capability) => (environment.Capabilities & capability) != 0;
}
