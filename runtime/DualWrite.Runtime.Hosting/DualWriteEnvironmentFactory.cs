using System;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Hosting;

/// <summary>
/// A side's environment as the host supplies it (<see cref="DualWriteOptions.UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/>, <see cref="DualWriteOptions.UseDataverse(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/>)
/// instead of the embedded database the path options name: an OData connector, or any other <see cref="IDualWriteEnvironment"/>.
/// </summary>
public sealed class DualWriteEnvironmentFactory
{
    internal DualWriteEnvironmentFactory(Func<IServiceProvider, IStateStore, IDualWriteEnvironment> create, bool runtimeOwnsEnvironment)
    {
        Create = create;
        RuntimeOwnsEnvironment = runtimeOwnsEnvironment;
    }

    /// <summary>
    /// Opens the environment, once per host, when <see cref="DualWriteEnvironments"/> is first resolved; it is given the
    /// host's state store, which keeps an OData connector's journal (<c>ODataConnectorOptions.JournalStore</c>).
    /// </summary>
    public Func<IServiceProvider, IStateStore, IDualWriteEnvironment> Create { get; }

    /// <summary>
    /// True: <see cref="DualWriteEnvironments"/> disposes the environment with the host, as the container disposes what its
    /// factories create. False: the host owns it (a singleton it registered, say) and disposes it itself.
    /// </summary>
    public bool RuntimeOwnsEnvironment { get; }
}
