using System;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Web.Live;

/// <summary>The state store's paged reads, which the page needs: the runtime's own stores offer them.</summary>
internal static class StatePages
{
    public static IStatePages Of(IStateStore state) =>
        state as IStatePages ?? throw new NotSupportedException($"The operations page pages the state store's lists; {state.GetType().Name} offers no paged reads (IStatePages).");
}
