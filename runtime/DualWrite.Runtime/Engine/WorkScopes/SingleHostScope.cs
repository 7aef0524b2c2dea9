using System;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>One host does all the work: nothing to lease, nothing to fence.</summary>
internal sealed class SingleHostScope : IWorkScope
{
    private readonly RuntimeContext _context;

    public SingleHostScope(RuntimeContext context) => _context = context;

    public IPassScope BeginPass() => new SingleHostPass(_context);

    public Task HoldAsync(Func<Task> loop, CancellationToken cancellationToken) => loop();

    public void FenceRecord(string map, string recordKey, StateUpdate update)
    {
    }

    public void EnsureOneHost(string operation, string instead)
    {
    }
}
