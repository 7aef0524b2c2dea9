using System;
using System.Collections.Generic;
using System.IO;
using DualWrite.Runtime.Hosting;

namespace Contoso.Integration.Host;

/// <summary>The sample's dual-write configuration, shared by its two commands: embedded environments and state store in one folder.</summary>
internal static class SampleHost
{
    public static void Configure(DualWriteOptions options, string folder, IEnumerable<string> companies)
    {
        var schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        options.FoDatabasePath = Path.Combine(folder, "fo.db");
        options.FoSchemaPath = Path.Combine(schemas, "fo.metadata.xml");
        options.DataverseDatabasePath = Path.Combine(folder, "dataverse.db");
        options.DataverseSchemaPath = Path.Combine(schemas, "dataverse.metadata.xml");
        options.StatePath = Path.Combine(folder, "state.db");
        foreach (var company in companies)
        {
            options.Companies.Add(company);
        }

        options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
    }

    /// <summary>A fresh folder under the temp directory, emptied on each run.</summary>
    public static string FreshFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return folder;
    }
}
