using System;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Cli.Tests;

public sealed class StagingCommandsTests : IDisposable
{
    private readonly TestFolder _folder = new();

    private static string Maps => typeof(DualWriteMaps).Assembly.Location;

    private string FoPath => Path.Combine(_folder.Path, "fo.db");

    private string DataversePath => Path.Combine(_folder.Path, "dataverse.db");

    private string StatePath => Path.Combine(_folder.Path, "state.db");

    private static string FoSchema => Path.Combine(RepoPaths.Sample, "schemas", "fo.metadata.xml");

    private static string DataverseSchema => Path.Combine(RepoPaths.Sample, "schemas", "dataverse.metadata.xml");

    [Fact]
    public void Pause_and_resume_set_the_state_a_running_host_reads()
    {
        WithRuntime(runtime => runtime.Link(new[] { "USMF" }));

        var pause = Run("pause", CustomersMap.Name);
        WithRuntime((runtime, fo) =>
        {
            fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "Staged"));
            runtime.SyncOnce();
        });
        var resume = Run("resume", CustomersMap.Name);
        var unknown = Run("pause", "Nope");

        Assert.Equal((0, 0, 1), (pause.ExitCode, resume.ExitCode, unknown.ExitCode));
        Assert.Contains("Map Customers: Running -> Paused. 0 change(s) staged.", pause.Output);
        Assert.Contains("Map Customers: Paused -> Replaying. 1 change(s) staged.", resume.Output);
        Assert.Contains("knows no map 'Nope'", unknown.Error);
        WithRuntime(runtime =>
        {
            runtime.SyncOnce();
            Assert.Equal(MapState.Running, runtime.GetMapState(CustomersMap.Name));
        });
    }

    [Fact]
    public void Errors_lists_every_field_and_retry_and_discard_resolve_entries_by_id_filter_or_all()
    {
        WithRuntime((runtime, fo) =>
        {
            runtime.Link(new[] { "USMF" });
            fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
            fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "Missing group", "98"));
            fo.Save(CustomersMap.Definition.Fo, Customer("US0002", "Missing group too", "99"));
            runtime.SyncOnce();
        });

        var errors = Cli.Run("errors", "--state", StatePath);
        var filtered = Cli.Run("errors", "--state", StatePath, "--record", "usmf|us0002");
        var ambiguous = Run("retry", "1", "--all", "--maps", Maps);
        var retry = Run("retry", "--map", CustomersMap.Name, "--maps", Maps);
        var afterRetry = Cli.Run("errors", "--state", StatePath);
        var discard = Run("discard", "--all", "--maps", Maps);

        Assert.Equal(0, errors.ExitCode);
        Assert.Contains("ID  MAP        RECORD       SIDE  OPERATION  KIND    ATTEMPTS  FIRST FAILED", errors.Output);
        Assert.Contains("Customers  USMF|US0001  Fo    Insert     Lookup  1", errors.Output);
        Assert.Contains("\"OrganizationName\":\"Missing group\"", errors.Output);
        Assert.Contains("2 error(s).", errors.Output);
        Assert.Contains("1 error(s).", filtered.Output);
        Assert.DoesNotContain("USMF|US0001", filtered.Output);
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Equal(1, retry.ExitCode);
        Assert.Contains("2 entries retried; 0 record queue(s) emptied.", retry.Output);
        Assert.Contains("Lookup  2", afterRetry.Output);
        Assert.Equal(0, discard.ExitCode);
        Assert.Contains("2 entries discarded; 2 record queue(s) emptied.", discard.Output);
        Assert.Contains("The error list is empty.", Cli.Run("errors", "--state", StatePath).Output);
    }

    [Fact]
    public void Retry_runs_the_maps_with_their_number_sequences_so_a_number_in_the_other_sides_range_is_refused_again()
    {
        WithRuntime((runtime, fo) =>
        {
            runtime.Link(new[] { "USMF" });
            fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
            fo.Save(CustomersMap.Definition.Fo, Customer("US6000", "Numbered in Dataverse's range"));
            runtime.SyncOnce();
        });

        var retry = Run("retry", "1", "--maps", Maps);
        var errors = Cli.Run("errors", "--state", StatePath);

        Assert.Equal(1, retry.ExitCode);
        Assert.Contains("Entry 1: the record still fails", retry.Output);
        Assert.Contains("USMF|US6000  Fo    Insert     Number", errors.Output);
    }

    [Fact]
    public void Commands_given_the_maps_know_them_before_a_host_has_run_them()
    {
        using (EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema))
        using (EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema))
        {
        }

        var link = Run("link", "--companies", "usmf");
        var withoutMaps = Run("pause", CustomersMap.Name);
        var pause = Run("pause", CustomersMap.Name, "--maps", Maps);
        var status = Run("status", "--maps", Maps);

        Assert.Equal((0, 1, 0, 0), (link.ExitCode, withoutMaps.ExitCode, pause.ExitCode, status.ExitCode));
        Assert.Contains("Map Customers: Running -> Paused.", pause.Output);
        Assert.Contains("Customers       Paused", status.Output);
        WithRuntime(runtime => Assert.Equal(MapState.Paused, runtime.GetMapState(CustomersMap.Name)));
    }

    [Fact]
    public void Retry_from_source_applies_the_record_as_corrected_at_its_source()
    {
        WithRuntime((runtime, fo) =>
        {
            runtime.Link(new[] { "USMF" });
            fo.Save(ContactsMap.Definition.Fo, new Fo.ContactPersonV2 { dataAreaId = "USMF", ContactPersonId = "Ann-01", FirstName = "Ann", LastName = "Lee", PrimaryEmail = new string('a', 150) });
            runtime.SyncOnce();
            using (var connection = new SqliteConnection(fo.ConnectionString))
            {
                connection.Open();
                using var correct = connection.CreateCommand();
                correct.CommandText = "UPDATE ContactPersonsV2 SET PrimaryEmail = 'ann@contoso.com'";
                correct.ExecuteNonQuery();
            }

            runtime.SyncOnce();
        });

        var errors = Cli.Run("errors", "--state", StatePath);
        var stored = Run("retry", "1", "--maps", Maps);
        var fromSource = Run("retry", "1", "--from-source", "--maps", Maps);

        Assert.Contains("Contacts  USMF|Ann-01  Fo    Insert", errors.Output);
        Assert.Equal((1, 0), (stored.ExitCode, fromSource.ExitCode));
        Assert.Contains("Entry 1: the record still fails", stored.Output);
        Assert.Contains("Entry 1: resolved; its record's queue is empty.", fromSource.Output);
        using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema);
        Assert.Equal("ann@contoso.com", Assert.Single(dataverse.Query(ContactsMap.Definition.Dataverse)).emailaddress1);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Resume_with_skip_keep_runs_live_at_once_and_moves_the_staged_changes_to_the_error_list()
    {
        WithRuntime(runtime => runtime.Link(new[] { "USMF" }));
        Run("pause", CustomersMap.Name);
        WithRuntime((runtime, fo) =>
        {
            fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "Staged"));
            runtime.SyncOnce();
        });

        var noMaps = Run("resume", CustomersMap.Name, "--skip", "keep");
        var resume = Run("resume", CustomersMap.Name, "--skip", "keep", "--maps", Maps);

        Assert.Equal((2, 0), (noMaps.ExitCode, resume.ExitCode));
        Assert.Contains("1 change(s) were moved to the error list", resume.Output);
        WithRuntime(runtime =>
        {
            Assert.Equal(MapState.Running, runtime.GetMapState(CustomersMap.Name));
            Assert.Equal(SyncErrorKind.Skipped, Assert.Single(runtime.GetErrors()).Kind);
        });
    }

    [Fact]
    public void Relink_refuses_while_changes_are_staged_unless_told_to_drop_them_and_keeps_paused_maps_paused()
    {
        WithRuntime(runtime => runtime.Link(new[] { "USMF" }));
        Run("pause", CustomersMap.Name);
        WithRuntime((runtime, fo) =>
        {
            fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "Staged"));
            runtime.SyncOnce();
        });

        var refused = Run("relink");
        var dropped = Run("relink", "--drop-staged");

        Assert.Equal((1, 0), (refused.ExitCode, dropped.ExitCode));
        Assert.Contains("1 change(s) are staged", refused.Error);
        Assert.Contains("Dropped 1 staged change(s).", dropped.Output);
        WithRuntime(runtime =>
        {
            Assert.Equal(MapState.Paused, runtime.GetMapState(CustomersMap.Name));
            Assert.Equal(0, runtime.GetStagedCount(CustomersMap.Name));
        });
    }

    private static Fo.CustomerV3 Customer(string account, string name, string group = "30") => new()
    {
        dataAreaId = "USMF",
        CustomerAccount = account,
        OrganizationName = name,
        CustomerGroupId = group,
        PartyType = Fo.DirPartyBaseType.Organization,
        OnHoldStatus = Fo.CustVendorBlocked.No,
        PaymentTerms = "Net30",
    };

    private CliResult Run(string command, params string[] rest) =>
        Cli.Run(new[] { command }.Concat(rest).Concat(new[] { "--state", StatePath, "--fo", FoPath, "--dataverse", DataversePath, "--fo-schema", FoSchema, "--dataverse-schema", DataverseSchema }).ToArray());

    private void WithRuntime(Action<DualWriteRuntime> action) => WithRuntime((runtime, _) => action(runtime));

    // Opened and closed around each use, so the tool finds the databases free, as it would with the host stopped.
    private void WithRuntime(Action<DualWriteRuntime, EmbeddedEnvironment> action)
    {
        using var fo = EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema);
        using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema);
        using var state = new SqliteStateStore(StatePath);
        using var runtime = new DualWriteRuntime(fo, dataverse, state, DualWriteMaps.All, DualWriteMaps.NumberSequences);
        action(runtime, fo);
    }
}
