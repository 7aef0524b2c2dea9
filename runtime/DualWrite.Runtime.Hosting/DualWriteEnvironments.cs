using System;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting;

/// <summary>
/// The two environments and the state store the options name, opened once per host: embedded databases from the path
/// options, or what <see cref="DualWriteOptions.UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> and <see cref="DualWriteOptions.UseDataverse(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> supply. A
/// singleton, so hosts can write to the environments beside the runtime (embedded ones with plain SQL through
/// <see cref="EmbeddedEnvironment.ConnectionString"/>).
/// </summary>
public sealed class DualWriteEnvironments : IDisposable
{
    private readonly bool _ownsFo;
    private readonly bool _ownsDataverse;

    /// <summary>Opens (and on first use creates) the databases the options name, and calls the host's factories.</summary>
    /// <exception cref="InvalidOperationException">A factory returned null or the other side's environment.</exception>
    public DualWriteEnvironments(IOptions<DualWriteOptions> options, IServiceProvider services)
    {
        var settings = options.Value;

        // The store first: the factories get it for the connectors' journals.
        State = StateStoreFactory.Open(settings.StatePath!);
        try
        {
            (FoEnvironment, _ownsFo) = Open(Side.Fo, settings.FoFactory, settings.FoDatabasePath, settings.FoSchemaPath, services, State);
            try
            {
                (DataverseEnvironment, _ownsDataverse) = Open(Side.Dataverse, settings.DataverseFactory, settings.DataverseDatabasePath, settings.DataverseSchemaPath, services, State);
            }
            catch
            {
                Release(FoEnvironment, _ownsFo);
                throw;
            }
        }
        catch
        {
            State.Dispose();
            throw;
        }
    }

    /// <summary>The F&amp;O environment, whichever kind it is.</summary>
    public IDualWriteEnvironment FoEnvironment { get; }

    /// <summary>The Dataverse environment, whichever kind it is.</summary>
    public IDualWriteEnvironment DataverseEnvironment { get; }

    /// <summary>The F&amp;O environment when it is an embedded database.</summary>
    /// <exception cref="InvalidOperationException">The host supplied another kind (<see cref="DualWriteOptions.UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/>); use <see cref="FoEnvironment"/>.</exception>
    public EmbeddedEnvironment Fo => Embedded(FoEnvironment, nameof(FoEnvironment), nameof(DualWriteOptions.UseFo));

    /// <summary>The Dataverse environment when it is an embedded database.</summary>
    /// <exception cref="InvalidOperationException">The host supplied another kind (<see cref="DualWriteOptions.UseDataverse(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/>); use <see cref="DataverseEnvironment"/>.</exception>
    public EmbeddedEnvironment Dataverse => Embedded(DataverseEnvironment, nameof(DataverseEnvironment), nameof(DualWriteOptions.UseDataverse));

    /// <summary>The state store: SQLite, or PostgreSQL when <see cref="DualWriteOptions.StatePath"/> names one (a postgres:// URL or a connection string).</summary>
    public IStateStore State { get; }

    /// <summary>Disposes the environments the runtime owns (the embedded ones, and the factories' unless the host kept them), then the state store.</summary>
    public void Dispose()
    {
        Release(DataverseEnvironment, _ownsDataverse);
        Release(FoEnvironment, _ownsFo);
        State.Dispose();
    }

    private static (IDualWriteEnvironment Environment, bool Owned) Open(
        Side side, DualWriteEnvironmentFactory? factory, string? databasePath, string? schemaPath, IServiceProvider services, IStateStore state)
    {
        if (factory is null)
        {
            return (EmbeddedEnvironment.Open(side, databasePath!, schemaPath!), true);
        }

        var environment = factory.Create(services, state) ?? throw new InvalidOperationException(
            $"The factory given to DualWriteOptions.Use{side} returned null; it must open the {Name(side)} environment.");
        if (environment.Side != side)
        {
            Release(environment, factory.RuntimeOwnsEnvironment);
            throw new InvalidOperationException(
                $"The factory given to DualWriteOptions.Use{side} returned a{(environment.Side == Side.Fo ? "n" : string.Empty)} {Name(environment.Side)} environment ({environment.GetType().Name}); it must open the {Name(side)} one.");
        }

        return (environment, factory.RuntimeOwnsEnvironment);
    }

    private static EmbeddedEnvironment Embedded(IDualWriteEnvironment environment, string property, string useMethod) =>
        environment as EmbeddedEnvironment ?? throw new InvalidOperationException(
            $"The {Name(environment.Side)} environment is a {environment.GetType().Name} (DualWriteOptions.{useMethod}), not an embedded database; use DualWriteEnvironments.{property}.");

    private static void Release(IDualWriteEnvironment environment, bool owned)
    {
        if (owned)
        {
            environment.Dispose();
        }
    }

    private static string Name(Side side) => side == Side.Fo ? "F&O" : "Dataverse";
}
