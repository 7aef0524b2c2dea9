using System;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Cli.Tests;

public sealed class RuntimeCommandsTests : IDisposable
{
    private readonly TestFolder _folder = new();

    private string FoPath => Path.Combine(_folder.Path, "fo.db");

    private string DataversePath => Path.Combine(_folder.Path, "dataverse.db");

    private string StatePath => Path.Combine(_folder.Path, "state.db");

    private static string FoSchema => Path.Combine(RepoPaths.Sample, "schemas", "fo.metadata.xml");

    private static string DataverseSchema => Path.Combine(RepoPaths.Sample, "schemas", "dataverse.metadata.xml");

    [Fact]
    public void Link_creates_the_companies_and_status_shows_the_link()
    {
        CreateEnvironments();

        var link = Run("link", "--companies", "usmf,demf");
        var status = Run("status");

        Assert.Equal(0, link.ExitCode);
        Assert.Contains("with companies USMF, DEMF.", link.Output);
        Assert.Contains("No map has run against this state store yet", link.Output);
        Assert.Contains("companies USMF, DEMF, linked ", status.Output);
        Assert.Contains("Errors: 0", status.Output);
        using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema);
        Assert.Equal(2, Scalar(dataverse, "SELECT COUNT(*) FROM cdm_companies WHERE cdm_companycode IN ('USMF', 'DEMF')"));
    }

    [Fact]
    public void Linking_twice_is_refused()
    {
        CreateEnvironments();
        Run("link", "--companies", "usmf");

        var again = Run("link", "--companies", "demf");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("the state store already links F&O", again.Error);
    }

    [Fact]
    public void Status_shows_each_maps_state_how_far_it_is_behind_and_the_errors()
    {
        using (var world = OpenRuntime())
        {
            world.Runtime.Link(new[] { "USMF" });
            world.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
            world.Runtime.SyncOnce();
            world.Runtime.SyncOnce();
            var account = new Dataverse.Account
            {
                accountnumber = "US5001", name = "Fabrikam", customertypecode = 3, msdyn_onholdstatus = 999, msdyn_paymentterms = 1,
                msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "USMF" },
                msdyn_customergroupid = new Dataverse.Msdyn_customergroup { msdyn_groupid = "30" },
            };
            world.Dataverse.Save(CustomersMap.Definition.Dataverse, account);
            world.Runtime.SyncOnce();
            world.Runtime.Pause(VendorsMap.Name);
            world.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "40", Description = "Retail" });
        }

        var status = Run("status");

        Assert.Equal(0, status.ExitCode);
        var lines = status.Output.Split('\n');
        Assert.Matches(@"^map\s+state\s+F&O cursor\s+behind\s+Dataverse cursor\s+behind\s+lag\s+errors\s+staged$", lines.Single(l => l.StartsWith("map", StringComparison.Ordinal)));
        Assert.Matches(@"^CustomerGroups\s+Running\s+\d+\s+1\s+\d+\s+0\s+\d+\.\d s\s+0\s+0$", lines.Single(l => l.StartsWith("CustomerGroups ", StringComparison.Ordinal)));
        Assert.Matches(@"^Customers\s+Running\s+\d+\s+1\s+\d+\s+0\s+\d+\.\d s\s+1\s+0$", lines.Single(l => l.StartsWith("Customers ", StringComparison.Ordinal)));
        Assert.Matches(@"^Vendors\s+Paused\s", lines.Single(l => l.StartsWith("Vendors ", StringComparison.Ordinal)));
        Assert.Contains("Errors: 1", status.Output);
        Assert.Contains("Customers USMF|US5001: Insert from Dataverse", status.Output);
        Assert.Contains("Value map 'OnHoldStatusCodes' has no entry towards F&O for '999'", status.Output);
    }

    [Fact]
    public void Relink_keeps_the_companies_restarts_the_known_maps_at_the_heads_and_clears_the_errors()
    {
        using (var world = OpenRuntime())
        {
            world.Runtime.Link(new[] { "USMF", "DEMF" });
            world.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        }

        var relink = Run("relink");

        Assert.Equal(0, relink.ExitCode);
        Assert.Contains($"for {DualWriteMaps.All.Count} map(s) the state store knows.", relink.Output);
        using var state = new SqliteStateStore(StatePath);
        using var fo = EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema);
        Assert.Equal(new[] { "USMF", "DEMF" }, state.GetLink()!.Companies);
        Assert.All(state.GetCursors().Where(c => c.Side == Side.Fo), c => Assert.Equal(fo.GetHead(), c.Sequence));
    }

    [Fact]
    public void Unlink_clears_the_link_and_the_error_list()
    {
        using (var world = OpenRuntime())
        {
            world.Runtime.Link(new[] { "USMF" });
        }

        var unlink = Run("unlink");

        Assert.Equal(0, unlink.ExitCode);
        Assert.Equal("Not linked.\n", Run("status").Output);
        using var state = new SqliteStateStore(StatePath);
        Assert.Empty(state.GetCursors());
    }

    [Fact]
    public void A_missing_database_is_a_usage_error_and_is_not_created()
    {
        var status = Run("status");

        Assert.Equal(2, status.ExitCode);
        Assert.Contains($"dualwrite status: --fo '{FoPath}' does not exist.", status.Error);
        Assert.False(File.Exists(FoPath));
    }

    public void Dispose()
    {
        // What the tool and the hosts opened, they disposed, clearing their own pools; ClearAllPools would also pull idle
        // connections from under tests running in parallel.
        _folder.Dispose();
    }

    private CliResult Run(string command, params string[] rest) =>
        Cli.Run(new[] { command, "--state", StatePath, "--fo", FoPath, "--dataverse", DataversePath, "--fo-schema", FoSchema, "--dataverse-schema", DataverseSchema }.Concat(rest).ToArray());

    private void CreateEnvironments()
    {
        EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema).Dispose();
        EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema).Dispose();
    }

    private RuntimeWorld OpenRuntime() => new(FoPath, DataversePath, StatePath);

    private static long Scalar(EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A runtime with the Contoso maps over the test's databases, closed before the tool opens them.</summary>
    private sealed class RuntimeWorld : IDisposable
    {
        public RuntimeWorld(string fo, string dataverse, string state)
        {
            Fo = EmbeddedEnvironment.Open(Side.Fo, fo, FoSchema);
            Dataverse = EmbeddedEnvironment.Open(Side.Dataverse, dataverse, DataverseSchema);
            State = new SqliteStateStore(state);
            Runtime = new DualWriteRuntime(Fo, Dataverse, State, DualWriteMaps.All, DualWriteMaps.NumberSequences);
        }

        public EmbeddedEnvironment Fo { get; }

        public EmbeddedEnvironment Dataverse { get; }

        public SqliteStateStore State { get; }

        public DualWriteRuntime Runtime { get; }

        public void Dispose()
        {
            Runtime.Dispose();
            State.Dispose();
            Dataverse.Dispose();
            Fo.Dispose();
        }
    }
}
