using System;
using System.IO;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>The sample's schemas, which the services publish and the connectors read. F&amp;O entities expose <c>ModifiedDateTime1</c>, which the F&amp;O connector polls.</summary>
internal static class TestSchemas
{
    public const string ModifiedField = "ModifiedDateTime1";

    public static string Dataverse => Path.Combine(AppContext.BaseDirectory, "schemas", "dataverse.metadata.xml");

    public static string Fo => Path.Combine(AppContext.BaseDirectory, "schemas", "fo.metadata.xml");
}
