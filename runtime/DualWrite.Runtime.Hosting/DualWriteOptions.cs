using System;
using System.Collections.Generic;
using DualWrite.Runtime.Engine;

namespace DualWrite.Runtime.Hosting;

/// <summary>What <see cref="DualWriteServiceCollectionExtensions.AddDualWrite"/> runs: the two embedded environments, the state store, the companies and the maps.</summary>
public sealed class DualWriteOptions
{
    /// <summary>The F&amp;O environment's SQLite database (created when missing).</summary>
    public string? FoDatabasePath { get; set; }

    /// <summary>The F&amp;O <c>$metadata</c> (CSDL) the F&amp;O database is laid out from.</summary>
    public string? FoSchemaPath { get; set; }

    /// <summary>The Dataverse environment's SQLite database (created when missing).</summary>
    public string? DataverseDatabasePath { get; set; }

    /// <summary>The Dataverse <c>$metadata</c> (CSDL) the Dataverse database is laid out from.</summary>
    public string? DataverseSchemaPath { get; set; }

    /// <summary>The state store's SQLite database: link, map states, cursors, error list.</summary>
    public string? StatePath { get; set; }

    /// <summary>
    /// The legal entities (<c>dataAreaId</c>) to link when the state store holds no link yet. An existing link is kept
    /// as it is: changing the companies of a running link is a deliberate relink (<c>dualwrite relink</c>).
    /// </summary>
    public IList<string> Companies { get; } = new List<string>();

    /// <summary>How long the live loop waits after a pass that found nothing.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Staging and replay chunk sizes, retries, alert rules (per map) and error retention.</summary>
    public DualWriteRuntimeOptions Runtime { get; } = new();

    /// <summary>The maps, in the order they run.</summary>
    public IList<IDualWriteMap> Maps { get; } = new List<IDualWriteMap>();

    /// <summary>The number-sequence ranges new records are checked against.</summary>
    public IList<NumberSequence> NumberSequences { get; } = new List<NumberSequence>();

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
