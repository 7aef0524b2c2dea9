namespace DualWrite.Runtime.Engine;

/// <summary>The change-log heads a single host's pass syncs up to: read by the first map that needs them, then kept for the pass.</summary>
internal sealed class PassHeads
{
    private (long Fo, long Dataverse)? _heads;

    public (long Fo, long Dataverse) Read(RuntimeContext context) => _heads ??= (context.Fo.GetHead(), context.Dataverse.GetHead());
}
