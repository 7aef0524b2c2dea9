using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Engine;

/// <summary>The change-log heads a single host's pass syncs up to: read by the first map that needs them, then kept for the pass.</summary>
internal sealed class PassHeads
{
    private (long Fo, long Dataverse)? _heads;

    public async ValueTask<(long Fo, long Dataverse)> ReadAsync(RuntimeContext context, CancellationToken cancellationToken) =>
        _heads ??= (await context.Fo.GetHeadAsync(cancellationToken).ConfigureAwait(false), await context.Dataverse.GetHeadAsync(cancellationToken).ConfigureAwait(false));
}
