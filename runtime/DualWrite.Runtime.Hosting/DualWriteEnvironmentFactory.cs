using System;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Hosting;

/// <summary>
/// A side's environment as the host supplies it (<see cref="DualWriteOptions.UseFo"/>, <see cref="DualWriteOptions.UseDataverse"/>)
/// instead of the embedded database the path options name: an OData connector, or any other <see cref="IDualWriteEnvironment"/>.
/// </summary>
public sealed class DualWriteEnvironmentFactory
{
    internal DualWriteEnvironmentFactory(Func<IServiceProvider, IDualWriteEnvironment> create, bool runtimeOwnsEnvironment)
    {
        Create = create;
        RuntimeOwnsEnvironment = runtimeOwnsEnvironment;
    }

    /// <summary>Opens the environment, once per host, when <see cref="DualWriteEnvironments"/> is first resolved.</summary>
    public Func<IServiceProvider, IDualWriteEnvironment> Create { get; }

    /// <summary>
    /// True: <see cref="DualWriteEnvironments"/> disposes the environment with the host, as the container disposes what its
    /// factories create. False: the host owns it (a singleton it registered, say) and disposes it itself.
    /// </summary>
    public bool RuntimeOwnsEnvironment { get; }
}
