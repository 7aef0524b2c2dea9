using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DualWrite.Packaging.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace DualWrite.Packaging.Tests;

/// <summary>
/// A new user's path, with nothing but the packed feed: the templates installed, a maps library and a host made from
/// them and built from the feed, the host run on its embedded default until a record it was given has synced, and the
/// dualwrite tool, installed from the feed as a local tool, reading the host's state.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class TemplateTests(PackedFeed feed)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public void Templates_make_a_maps_library_and_a_host_that_syncs_and_the_tool_reads_its_state()
    {
        var work = feed.Work;
        var environment = feed.Environment;
        Command.Run(work, "dotnet", $"new install \"{feed.Package("DualWrite.Templates")}\"", environment: environment);

        Command.Run(work, "dotnet", "new dualwrite-maps -n Acme.Maps", environment: environment);
        Command.Run(work, "dotnet", "build Acme.Maps", environment: environment);
        Assert.True(File.Exists(Path.Combine(work, "Acme.Maps", "bin", "Debug", "net10.0", "Acme.Maps.dll")));

        Command.Run(work, "dotnet", "new dualwrite-host -n Acme.Host", environment: environment);
        Command.Run(work, "dotnet", "build Acme.Host", environment: environment);
        var output = Path.Combine(work, "Acme.Host", "bin", "Debug", "net10.0");
        var data = Path.Combine(output, "data");

        using (var host = ChildProcess.Start(output, "dotnet", "Acme.Host.dll", environment))
        {
            host.WaitFor("Dual-write live sync started", Patience);

            // A customer group written in F&O (the embedded database, as any other writer would) reaches Dataverse.
            Execute(Path.Combine(data, "fo.db"), "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', 'PKG', 'From the packaging test')");
            WaitUntil(() => Scalar(Path.Combine(data, "dataverse.db"), "SELECT COUNT(*) FROM msdyn_customergroups WHERE msdyn_groupid = 'PKG' AND msdyn_description = 'From the packaging test'") == 1, host);
            host.WaitFor("Health: Healthy", Patience);
        }

        Command.Run(work, "dotnet", "new tool-manifest", environment: environment);
        Command.Run(work, "dotnet", $"tool install DualWrite.Cli --version {feed.Version}", environment: environment);
        var status = Command.Run(work, "dotnet",
            $"dualwrite status --state \"{Path.Combine(data, "state.db")}\" --fo \"{Path.Combine(data, "fo.db")}\" --dataverse \"{Path.Combine(data, "dataverse.db")}\" " +
            $"--fo-schema \"{Path.Combine(output, "schemas", "fo.metadata.xml")}\" --dataverse-schema \"{Path.Combine(output, "schemas", "dataverse.metadata.xml")}\"",
            environment: environment);
        Assert.Contains("companies USMF", status);
        Assert.Matches(@"CustomerGroups\s+Running\s+1\s+0\s", status);
        Assert.Contains("Errors: 0", status);
    }

    private static void WaitUntil(Func<bool> condition, ChildProcess host)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException("The record did not reach Dataverse. Host output:\n" + host.Output);
            }

            Thread.Sleep(200);
        }
    }

    private static void Execute(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
