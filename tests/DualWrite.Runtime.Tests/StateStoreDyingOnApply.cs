using System;
using System.IO;
using DualWrite.Runtime.State;
using DualWrite.Testing;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// A state store whose process dies when the runtime stores an update <paramref name="dies"/> picks: the environments
/// have committed, the state store has not, as after a crash between the two commits.
/// </summary>
internal sealed class StateStoreDyingOnApply(IStateStore inner, Func<StateUpdate, bool> dies) : ForwardingStateStore(inner)
{
    public override void Apply(StateUpdate update)
    {
        if (dies(update))
        {
            throw new IOException("The process died before the state store committed.");
        }

        base.Apply(update);
    }
}
