using System;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting;

/// <summary>
/// The two embedded environments and the state store the options name, opened once per host. A singleton, so hosts
/// can write to the environments (plain SQL through <see cref="EmbeddedEnvironment.ConnectionString"/>) beside the runtime.
/// </summary>
public sealed class DualWriteEnvironments : IDisposable
{
    /// <summary>Opens (and on first use creates) the databases the options name.</summary>
    public DualWriteEnvironments(IOptions<DualWriteOptions> options)
    {
        var settings = options.Value;
        Fo = EmbeddedEnvironment.Open(Side.Fo, settings.FoDatabasePath!, settings.FoSchemaPath!);
        Dataverse = EmbeddedEnvironment.Open(Side.Dataverse, settings.DataverseDatabasePath!, settings.DataverseSchemaPath!);
        State = StateStoreFactory.Open(settings.StatePath!);
    }

    /// <summary>The F&amp;O environment.</summary>
    public EmbeddedEnvironment Fo { get; }

    /// <summary>The Dataverse environment.</summary>
    public EmbeddedEnvironment Dataverse { get; }

    /// <summary>The state store: SQLite, or PostgreSQL when <see cref="DualWriteOptions.StatePath"/> is a postgres:// URL.</summary>
    public IStateStore State { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        State.Dispose();
        Dataverse.Dispose();
        Fo.Dispose();
    }
}
