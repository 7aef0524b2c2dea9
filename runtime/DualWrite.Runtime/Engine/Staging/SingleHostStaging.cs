using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>One host: plain commits, the map's cursor says what was dealt with.</summary>
internal sealed class SingleHostStaging : IStagingScope
{
    public static readonly SingleHostStaging Instance = new();

    private SingleHostStaging()
    {
    }

    public void Commit(IStateStore state, StateUpdate update) => state.Apply(update);

    public DealtWith Cursors(string map, Side side, long cursor) => DealtWith.UpTo(cursor);
}
