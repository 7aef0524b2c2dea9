using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.OData.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// The initial sync over HTTP with tables of many pages: both sides read page by page into key order on disk, written
/// in bulk batches, refused rows in the error list, a run that fails part-way resumed without writing a row twice.
/// </summary>
public sealed class InitialSyncPagedTests
{
    private const string Groups = "msdyn_customergroups";

    private readonly ITestOutputHelper _output;

    public InitialSyncPagedTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Every_row_is_written_once_when_both_sides_span_many_pages()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedFoAsync(pair, 1_050, i => "Group " + i);

        // Dataverse pages by its row ids, which follow no key order: 40 groups F&O has with another description, 10 it lacks.
        var usmf = FaultTests.CompanyId(pair, "USMF");
        await pair.DataverseService.InsertManyAsync(Groups, Enumerable.Range(1, 40).Select(i => Rows.Of(("msdyn_groupid", GroupId(i * 25)), ("msdyn_description", "Dataverse " + i), ("_msdyn_company_value", usmf)))
            .Concat(Enumerable.Range(1, 10).Select(i => Rows.Of(("msdyn_groupid", "D" + i.ToString("D4", CultureInfo.InvariantCulture)), ("msdyn_description", "Only in Dataverse"), ("_msdyn_company_value", usmf)))));
        var head = Head(pair.DataverseService);
        using var connectors = PagedConnectors.Open(pair, pageSize: 100);

        var result = await connectors.Runner(pair).RunAsync(CustomerGroupsOnly(), new InitialSyncOptions { Master = Side.Fo, BatchSize = 200 });

        Assert.Equal(0, result.Errors);
        Assert.Equal(1_020, result.Total.Inserted);
        Assert.Equal(40, result.Total.Updated);
        var dataverse = pair.DataverseService.Rows(Groups).ToDictionary(r => (string)r["msdyn_groupid"]!, r => (string?)r["msdyn_description"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(1_060, dataverse.Count);
        Assert.All(Enumerable.Range(1, 1_050), i => Assert.Equal("Group " + i, dataverse[GroupId(i)]));
        Assert.Equal(1_060, pair.FoService.Rows("CustomerGroups").Count);

        // One write per group that needed one: 1,010 creates and the 40 updates on Dataverse, no row written twice.
        Assert.Equal((1_050, 1_050), WritesSince(pair.DataverseService, head));
    }

    [Fact]
    public async Task A_row_the_service_refuses_at_commit_goes_to_the_error_list_and_the_rest_are_written_once()
    {
        // The Dataverse service holds descriptions of 20 characters; the connector's schema lets 60 through, so only the
        // bulk request finds out, and names the refused record.
        await using var pair = await ConnectedPair.StartAsync(dataverseServiceSchema: type => DriftedSchema.Property(type, "msdyn_description").SetAttributeValue("MaxLength", "20"));
        await SeedFoAsync(pair, 250, i => i == 137 ? "A description far longer than twenty" : "Group " + i);
        var head = Head(pair.DataverseService);
        using var connectors = PagedConnectors.Open(pair, pageSize: 100);
        var runner = connectors.Runner(pair);

        var result = await runner.RunAsync(CustomerGroupsOnly(), new InitialSyncOptions { Master = Side.Fo, BatchSize = 100 });

        Assert.Equal(InitialSyncRunStatus.CompletedWithErrors, result.Status);
        Assert.Equal(1, result.Errors);
        Assert.Equal(1, result.Total.Failed);
        Assert.Equal(249, result.Total.Inserted);

        // The refused row moves from written to failed in its legal entity's counts too.
        var usmf = Assert.Single(result.Total.Companies).Value;
        Assert.Equal((250L, 249L, 1L), (usmf.Read, usmf.Written, usmf.Failed));
        var error = Assert.Single(runner.GetErrors(result.RunId!));
        Assert.Contains(GroupId(137), error.RecordKey, StringComparison.Ordinal);
        Assert.Equal(Side.Fo, error.SourceSide);
        Assert.Equal(249, pair.DataverseService.Rows(Groups).Count);
        Assert.Equal((249, 249), WritesSince(pair.DataverseService, head));
    }

    [Fact]
    public async Task A_run_that_fails_part_way_resumes_after_its_checkpoint_without_writing_a_row_twice()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedFoAsync(pair, 1_000, i => "Group " + i);
        var head = Head(pair.DataverseService);
        using var connectors = PagedConnectors.Open(pair, pageSize: 100);
        var runner = connectors.Runner(pair);

        // After the third batch, Dataverse commits the fourth bulk request but its answer is lost, then fails every write.
        var batches = 0;
        var progress = new InlineProgress(_ =>
        {
            if (++batches == 3)
            {
                pair.DataverseService.Faults.Inject(Fault.DropMidResponse(), times: 1, method: "POST");
                pair.DataverseService.Faults.Inject(Fault.ServerError(), times: 1_000, method: "POST");
            }
        });
        await Assert.ThrowsAnyAsync<Exception>(() => runner.RunAsync(CustomerGroupsOnly(), new InitialSyncOptions { Master = Side.Fo, BatchSize = 100, Progress = progress }));
        var stopped = runner.GetRuns().Single();
        Assert.NotEqual(InitialSyncRunStatus.Completed, stopped.Status);
        pair.DataverseService.Faults.Clear();

        var result = await runner.ResumeAsync(stopped.Id);

        Assert.Equal(InitialSyncRunStatus.Completed, result.Status);
        Assert.Equal(0, result.Errors);
        Assert.Equal(1_000, pair.DataverseService.Rows(Groups).Select(r => (string)r["msdyn_groupid"]!).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal((1_000, 1_000), WritesSince(pair.DataverseService, head));
    }

    internal static string GroupId(int number) => "G" + number.ToString("D5", CultureInfo.InvariantCulture);

    private static InitialSyncPlan CustomerGroupsOnly() =>
        InitialSyncRunner.PlanFor(DualWriteMaps.All, skip: DualWriteMaps.All.Select(m => m.Name).Where(n => n != CustomerGroupsMap.Name));

    internal static Task<int> SeedFoAsync(ConnectedPair pair, int count, Func<int, string> description) =>
        pair.FoService.InsertManyAsync("CustomerGroups", Enumerable.Range(1, count).Select(i => Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", GroupId(i)), ("Description", description(i)))));

    private static long Head(LocalODataService service) => Query(service, $"SELECT COALESCE(MAX(sequence), 0) FROM {LocalODataService.ChangeLogTable}", 0);

    /// <summary>The writes the change log holds for the customer groups after <paramref name="after"/>, and the rows they wrote.</summary>
    private static (long Writes, long Rows) WritesSince(LocalODataService service, long after) =>
        (Query(service, $"SELECT COUNT(*) FROM {LocalODataService.ChangeLogTable} WHERE entity_set = '{Groups}' AND sequence > $after", after),
         Query(service, $"SELECT COUNT(DISTINCT row_key) FROM {LocalODataService.ChangeLogTable} WHERE entity_set = '{Groups}' AND sequence > $after", after));

    private static long Query(LocalODataService service, string sql, long after)
    {
        using var connection = new SqliteConnection(service.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$after", after);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Reports on the caller's thread, so a fault is injected between two batches.</summary>
    private sealed class InlineProgress(Action<InitialSyncProgress> report) : IProgress<InitialSyncProgress>
    {
        public void Report(InitialSyncProgress value) => report(value);
    }
}
