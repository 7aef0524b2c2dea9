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
}
