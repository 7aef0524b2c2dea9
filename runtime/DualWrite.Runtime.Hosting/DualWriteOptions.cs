using System;
using System.Collections.Generic;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Hosting;

/// <summary>
/// What <see cref="DualWriteServiceCollectionExtensions.AddDualWrite"/> runs: the two environments (embedded databases from
/// the path options, or what <see cref="UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> and <see cref="UseDataverse(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> supply), the state store, the companies and the maps.
/// </summary>
public sealed class DualWriteOptions
{
    /// <summary>The F&amp;O environment's SQLite database (created when missing). Not set when <see cref="UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> supplies the environment.</summary>
    public string? FoDatabasePath { get; set; }

    /// <summary>The F&amp;O <c>$metadata</c> (CSDL) the F&amp;O database is laid out from.</summary>
    public string? FoSchemaPath { get; set; }

    /// <summary>The Dataverse environment's SQLite database (created when missing). Not set when <see cref="UseDataverse(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> supplies the environment.</summary>
    public string? DataverseDatabasePath { get; set; }

    /// <summary>The Dataverse <c>$metadata</c> (CSDL) the Dataverse database is laid out from.</summary>
    public string? DataverseSchemaPath { get; set; }

    /// <summary>The F&amp;O environment the host supplies, set by <see cref="UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/>; null for the embedded database.</summary>
    public DualWriteEnvironmentFactory? FoFactory { get; private set; }

    /// <summary>The Dataverse environment the host supplies, set by <see cref="UseDataverse(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/>; null for the embedded database.</summary>
    public DualWriteEnvironmentFactory? DataverseFactory { get; private set; }

    /// <summary>
    /// The state store (link, map states, cursors, error list): a SQLite database file, or for a PostgreSQL database, which
    /// several hosts can share, a <c>postgres://user:password@host:port/database</c> URL or an Npgsql connection string
    /// (<c>Host=…;Database=…;Username=…;Password=…</c>). Logs show it without its password.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>
    /// Set when this host is one of several sharing a PostgreSQL state store: it then syncs the records of the partitions it
    /// leases. Null (the default) for a single host.
    /// </summary>
    public WorkSharingOptions? WorkSharing { get; set; }

    /// <summary>
    /// The legal entities (<c>dataAreaId</c>) to link when the state store holds no link yet. An existing link is kept
    /// as it is: changing the companies of a running link is a deliberate relink (<c>dualwrite relink</c>).
    /// </summary>
    public IList<string> Companies { get; } = new List<string>();

    /// <summary>How long the live loop waits after a pass that found nothing.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Staging and replay chunk sizes, retries, alert rules (per map) and error retention.</summary>
    public DualWriteRuntimeOptions Runtime { get; } = new();

    /// <summary>The check of the live environments against the compiled maps before the first pass.</summary>
    public Hosting.Preflight.DualWritePreflightOptions Preflight { get; } = new();

    /// <summary>The maps, in the order they run.</summary>
    public IList<IDualWriteMap> Maps { get; } = new List<IDualWriteMap>();

    /// <summary>The number-sequence ranges new records are checked against.</summary>
    public IList<NumberSequence> NumberSequences { get; } = new List<NumberSequence>();

    /// <summary>The maps with their number sequences, as the runtime is built from them.</summary>
    public DualWriteMapSet Definition => new(Maps, NumberSequences);

    /// <summary>
    /// Runs the F&amp;O side on the environment <paramref name="factory"/> opens (<c>FoEnvironment.Open</c> of
    /// DualWrite.Runtime.OData, say) instead of an embedded database; <see cref="FoDatabasePath"/> and
    /// <see cref="FoSchemaPath"/> then stay unset. With <paramref name="runtimeOwnsEnvironment"/> (the default) the
    /// environment is disposed with the host; pass false when the host owns it and disposes it itself.
    /// </summary>
    public DualWriteOptions UseFo(Func<IServiceProvider, IDualWriteEnvironment> factory, bool runtimeOwnsEnvironment = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return UseFo((services, _) => factory(services), runtimeOwnsEnvironment);
    }

    /// <summary>
    /// As <see cref="UseFo(Func{IServiceProvider, IDualWriteEnvironment}, bool)"/>, with the host's state store given to the
    /// factory: an OData connector keeps its journal there (<c>JournalStore</c>), so that hosts sharing the store share it.
    /// </summary>
    public DualWriteOptions UseFo(Func<IServiceProvider, IStateStore, IDualWriteEnvironment> factory, bool runtimeOwnsEnvironment = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        FoFactory = new DualWriteEnvironmentFactory(factory, runtimeOwnsEnvironment);
        return this;
    }

    /// <summary>
    /// Runs the Dataverse side on the environment <paramref name="factory"/> opens (<c>DataverseEnvironment.Open</c> of
    /// DualWrite.Runtime.OData, say) instead of an embedded database; <see cref="DataverseDatabasePath"/> and
    /// <see cref="DataverseSchemaPath"/> then stay unset. Ownership as in <see cref="UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/>.
    /// </summary>
    public DualWriteOptions UseDataverse(Func<IServiceProvider, IDualWriteEnvironment> factory, bool runtimeOwnsEnvironment = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return UseDataverse((services, _) => factory(services), runtimeOwnsEnvironment);
    }

    /// <summary>As <see cref="UseFo(Func{IServiceProvider, IStateStore, IDualWriteEnvironment}, bool)"/>, for the Dataverse side.</summary>
    public DualWriteOptions UseDataverse(Func<IServiceProvider, IStateStore, IDualWriteEnvironment> factory, bool runtimeOwnsEnvironment = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        DataverseFactory = new DualWriteEnvironmentFactory(factory, runtimeOwnsEnvironment);
        return this;
    }

    /// <summary>Adds a project's full definition: its maps and their number sequences (<see cref="DualWriteMapSet.FromAssembly"/>).</summary>
    public DualWriteOptions AddMaps(DualWriteMapSet definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return AddMaps(definition.Maps, definition.NumberSequences);
    }

    /// <summary>Adds generated maps (<c>DualWriteMaps.All</c>, which lists lookups' owners first) and their number sequences.</summary>
    public DualWriteOptions AddMaps(IEnumerable<IDualWriteMap> maps, IEnumerable<NumberSequence>? numberSequences = null)
    {
        foreach (var map in maps)
        {
            Maps.Add(map);
        }

        foreach (var sequence in numberSequences ?? Array.Empty<NumberSequence>())
        {
            NumberSequences.Add(sequence);
        }

        return this;
    }
}
