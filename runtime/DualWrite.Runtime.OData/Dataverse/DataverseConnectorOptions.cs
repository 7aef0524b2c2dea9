using System.Collections.Generic;
using DualWrite.Runtime.OData.Connector;

namespace DualWrite.Runtime.OData.Dataverse;

/// <summary>Options of the Dataverse Web API connector.</summary>
public sealed class DataverseConnectorOptions : ODataConnectorOptions
{
    /// <summary>
    /// The tables whose changes are tracked (each needs "Track changes" turned on in Dataverse). By default every
    /// table of the schema, so trim the schema to the maps' tables (<c>dualwrite schema pull</c>).
    /// </summary>
    public IReadOnlyList<string>? TrackedEntitySets { get; set; }

    /// <summary>
    /// Records per bulk message (<c>CreateMultiple</c>, <c>UpdateMultiple</c>) when a commit writes a run of rows to one
    /// table; 0 sends every write in <c>$batch</c> changesets. A bulk request must finish within the service's request
    /// timeout and is all-or-nothing, so a refused record costs a split of the request: a hundred keeps both small
    /// ("Use bulk operation messages", https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations).
    /// </summary>
    public int BulkChunkSize { get; set; } = 100;
}
