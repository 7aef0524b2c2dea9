using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>The checks beyond <c>$metadata</c> of a connector, from its own options: the host runs what the connector will meet.</summary>
internal static class ODataPreflight
{
    public static IEnvironmentPreflight? For(ODataEnvironment environment) => environment.Options switch
    {
        FoConnectorOptions fo => new FoPreflight(fo.Root, fo.Tokens, new System.Collections.Generic.Dictionary<string, string>(fo.ModifiedFields), fo.PrimaryHandler),
        DataverseConnectorOptions dataverse => new DataversePreflight(dataverse.Root, dataverse.Tokens, dataverse.TrackedEntitySets, dataverse.PrimaryHandler),
        _ => null,
    };
}
