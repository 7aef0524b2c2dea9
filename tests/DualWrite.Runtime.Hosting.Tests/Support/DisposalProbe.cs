using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Runtime.Hosting.Tests.Support;

/// <summary>A real environment passed through, recording whether whoever holds it disposed it.</summary>
internal sealed class DisposalProbe : ForwardingEnvironment
{
    public DisposalProbe(IDualWriteEnvironment inner)
        : base(inner)
    {
    }

    public int Disposals { get; private set; }

    protected override void Dispose(bool disposing)
    {
        Disposals++;
        base.Dispose(disposing);
    }
}
