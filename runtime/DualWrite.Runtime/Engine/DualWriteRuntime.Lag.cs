using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine;

/// <summary>How long a map's oldest change has waited, for lag figures.</summary>
public sealed partial class DualWriteRuntime
{
    /// <summary>
    /// When the oldest change the map has not written yet was committed on its side: the head of its staging queue, or
    /// the first change of an ordinary writer after its cursor on each side it reads from, whichever is older; null
    /// when the map is caught up. Changes waiting behind an error-list entry are not counted: the error list shows them.
    /// Reads the state store and the change logs and changes nothing, so it does not wait for a pass.
    /// </summary>
    public async Task<DateTimeOffset?> GetOldestUnsyncedChangeAsync(string map, CancellationToken cancellationToken = default)
    {
        var runner = Runner(map);
        var name = runner.Map.Name;
        DateTimeOffset? oldest = _context.State.ReadStaged(name, 1).FirstOrDefault()?.Change.ChangedAt;
        foreach (var side in new[] { Side.Fo, Side.Dataverse }.Where(runner.ReadsFrom))
        {
            var stored = _context.State.GetCursor(name, side);
            if (stored is null)
            {
                continue;
            }

            var cursor = stored.Value;

            var environment = _context.Environment(side);
            var entitySet = SideRules.EntitySetOf(runner.Map, side);

            var head = await environment.GetHeadAsync(cancellationToken).ConfigureAwait(false);
            if (head <= cursor)
            {
                continue;
            }

            var first = (await ChangeLogReads.ReadPageAsync(environment, entitySet, cursor, head, ChangeOrigins.Ordinary, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (first is not null && (oldest is null || first.ChangedAt < oldest))
            {
                oldest = first.ChangedAt;
            }
        }

        return oldest;
    }
}
