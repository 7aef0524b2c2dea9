using System;
using System.Collections.Generic;
using System.IO;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Postgres;

namespace Contoso.Integration.Host;

/// <summary>
/// The sample's dual-write configuration, shared by its commands: embedded environments in one folder, the state store
/// beside them or in PostgreSQL (<c>--state postgres://…</c>), where the host shares the work with any other host given it.
/// </summary>
internal static class SampleHost
{
    public static void Configure(DualWriteOptions options, string folder, IEnumerable<string> companies, string? state = null)
    {
        var schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        options.FoDatabasePath = Path.Combine(folder, "fo.db");
        options.FoSchemaPath = Path.Combine(schemas, "fo.metadata.xml");
        options.DataverseDatabasePath = Path.Combine(folder, "dataverse.db");
        options.DataverseSchemaPath = Path.Combine(schemas, "dataverse.metadata.xml");
        options.StatePath = state ?? Path.Combine(folder, "state.db");
        if (state is not null && StateLocation.IsPostgres(state))
        {
            options.WorkSharing = new WorkSharingOptions();
        }

        foreach (var company in companies)
        {
            options.Companies.Add(company);
        }

        options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
    }

    /// <summary>The value of <c>--state</c>, or null when it is not given; <paramref name="error"/> is set when it has no value.</summary>
    public static string? StateOption(string[] args, out string? error)
    {
        error = null;
        var index = Array.IndexOf(args, "--state");
        if (index < 0)
        {
            return null;
        }

        if (index + 1 >= args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            error = "--state needs a value: a SQLite file path or postgres://user:password@host:port/database.";
            return null;
        }

        return args[index + 1];
    }

    /// <summary>
    /// Forgets what a previous run left in a PostgreSQL state store (link, cursors, error list): the sample's environments
    /// are made afresh, and a link to the previous ones would be refused.
    /// </summary>
    public static void ForgetPreviousRun(string state)
    {
        using var store = StateStoreFactory.Open(state);
        store.Reset();
        store.SetLink(null);
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
