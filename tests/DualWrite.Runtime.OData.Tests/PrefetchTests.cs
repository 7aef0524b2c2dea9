using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>A pass reads its target rows in a few <c>$filter</c> queries instead of one request per change.</summary>
public sealed class PrefetchTests
{
    // 300 changes in chunks of 50 keys are 6 queries; the rest is slack for the company lookup and the feeds' pages.
    private const int MaxKeyReads = 10;

    [Fact]
    public async Task A_pass_of_fo_changes_reads_its_dataverse_targets_in_a_few_queries_and_writes_what_one_read_per_change_wrote()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedFoGroupsAsync(pair, 1, 200);
        await SeedDataverseGroupsAsync(pair, 201, 220);
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);

        // Updates of rows the target has (some made in Dataverse first) and inserts of rows it lacks, one of them changed
        // twice before the pass.
        foreach (var i in Enumerable.Range(1, 140).Concat(Enumerable.Range(201, 10)))
        {
            await pair.FoService.UpdateAsync("CustomerGroups", FoKey(i), Rows.Of(("Description", "Updated " + i)));
        }

        await SeedFoGroupsAsync(pair, 301, 449);
        await pair.FoService.UpdateAsync("CustomerGroups", FoKey(449), Rows.Of(("Description", "Changed twice")));
        pair.DataverseService.Requests.Clear();

        var result = pair.Runtime.SyncOnce();

        Assert.Equal(0, result.Failed);
        Assert.InRange(KeyReads(pair.DataverseService, "msdyn_groupid eq"), 2, MaxKeyReads);

        // The queries go in one $batch, which Dataverse counts as one request toward its limits.
        Assert.Equal(1, KeyReadRequests(pair.DataverseService, "msdyn_groupid eq"));
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        var dataverse = DataverseGroups(pair);
        Assert.Equal(FoGroups(pair), dataverse);
        Assert.Equal(200 + 20 + 149, dataverse.Count);
        Assert.Equal("Updated 7", dataverse[GroupId(7)]);
        Assert.Equal("Group 160", dataverse[GroupId(160)]);
        Assert.Equal("Updated 205", dataverse[GroupId(205)]);
        Assert.Equal("Changed twice", dataverse[GroupId(449)]);
    }

    [Fact]
    public async Task A_pass_of_dataverse_changes_reads_its_fo_targets_in_a_few_queries()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedFoGroupsAsync(pair, 1, 150);
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);

        var usmf = FaultTests.CompanyId(pair, "USMF");
        for (var i = 1; i <= 150; i++)
        {
            await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", GroupId(i)), ("_msdyn_company_value", usmf)), Rows.Of(("msdyn_description", "Renamed " + i)));
        }

        await SeedDataverseGroupsAsync(pair, 151, 300);
        pair.FoService.Requests.Clear();

        var result = pair.Runtime.SyncOnce();

        Assert.Equal(0, result.Failed);
        Assert.Equal(300, result.Synced);
        Assert.InRange(KeyReads(pair.FoService, "CustomerGroupId eq"), 1, MaxKeyReads);
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        var fo = FoGroups(pair);
        Assert.Equal(DataverseGroups(pair), fo);
        Assert.Equal(300, fo.Count);
        Assert.Equal("Renamed 150", fo[GroupId(150)]);
        Assert.Equal("Group 151", fo[GroupId(151)]);
    }

    [Fact]
    public async Task A_service_that_refuses_the_read_ahead_query_is_read_row_by_row()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedFoGroupsAsync(pair, 1, 60);
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        for (var i = 1; i <= 60; i++)
        {
            await pair.FoService.UpdateAsync("CustomerGroups", FoKey(i), Rows.Of(("Description", "Updated " + i)));
        }

        var batchRefusal = pair.DataverseService.Faults.Inject(Fault.ServerError(400), times: 1, method: "POST", pathContains: "$batch");
        var refusal = pair.DataverseService.Faults.Inject(Fault.ServerError(400), times: 100, method: "GET", pathContains: ") or (");
        pair.DataverseService.Requests.Clear();

        var result = pair.Runtime.SyncOnce();

        Assert.Equal(0, result.Failed);
        Assert.Equal(60, result.Synced);

        // The refused batch of queries sends them one by one; the first chunk's refusal ends the read ahead and every key
        // is then read by its own find.
        Assert.Equal(1, batchRefusal.Hits);
        Assert.Equal(1, refusal.Hits);
        Assert.Equal(1 + 60, KeyReads(pair.DataverseService, "msdyn_groupid eq"));
        Assert.All(DataverseGroups(pair), group => Assert.StartsWith("Updated ", group.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finds_after_a_prefetch_see_the_transactions_own_writes()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var usmf = FaultTests.CompanyId(pair, "USMF");
        await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", "40"), ("msdyn_description", "forty"), ("_msdyn_company_value", usmf)));
        await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", "41"), ("msdyn_description", "forty-one"), ("_msdyn_company_value", usmf)));
        var map = CustomerGroupsMap.Definition;
        var paths = map.DataverseKeyPaths;
        IReadOnlyList<object?> Key(string id) => new object?[] { "USMF", id };

        using (var transaction = pair.Dataverse.BeginTransaction("dualwrite:test"))
        {
            var found = await transaction.FindManyAsync(map.Dataverse, paths, new[] { Key("40"), Key("41"), Key("42") }, CancellationToken.None);
            Assert.Equal(new[] { "forty", "forty-one", null }, found.Select(row => row?.msdyn_description));
            pair.DataverseService.Requests.Clear();

            var forty = transaction.Find(map.Dataverse, paths, Key("40"))!;
            Assert.Equal("forty", forty.msdyn_description);
            Assert.Null(transaction.Find(map.Dataverse, paths, Key("42")));
            Assert.Equal(0, KeyReads(pair.DataverseService, "msdyn_groupid eq"));

            forty.msdyn_description = "updated";
            transaction.Update(map.Dataverse, paths, Key("40"), forty, new[] { "msdyn_description" });
            Assert.Equal("updated", transaction.Find(map.Dataverse, paths, Key("40"))!.msdyn_description);

            Assert.True(transaction.Delete(map.Dataverse, paths, Key("41")));
            Assert.Null(transaction.Find(map.Dataverse, paths, Key("41")));
            Assert.False(transaction.Delete(map.Dataverse, paths, Key("41")));

            transaction.Insert(map.Dataverse, new Contoso.Integration.Dataverse.Msdyn_customergroup { msdyn_groupid = "42", msdyn_description = "new", msdyn_company = new() { cdm_companycode = "USMF" } });
            Assert.Equal("new", transaction.Find(map.Dataverse, paths, Key("42"))!.msdyn_description);
            Assert.Equal(0, KeyReads(pair.DataverseService, "msdyn_groupid eq"));

            transaction.Commit();
        }

        var rows = pair.DataverseService.Rows("msdyn_customergroups").ToDictionary(r => (string)r["msdyn_groupid"]!, r => (string?)r["msdyn_description"], StringComparer.Ordinal);
        Assert.Equal(new Dictionary<string, string?> { ["40"] = "updated", ["42"] = "new" }, rows);
    }

    [Fact]
    public async Task A_batch_of_more_than_a_hundred_queries_is_read_whole()
    {
        // ODataLib reads at most 100 parts of a batch unless told otherwise; Dataverse takes up to 1,000 operations.
        await using var pair = await ConnectedPair.StartAsync();
        await SeedDataverseGroupsAsync(pair, 1, 150);
        var options = pair.DataverseOptions();
        options.PrefetchKeysPerQuery = 1;
        options.JournalPath = System.IO.Path.Combine(pair.Folder, "many-queries-journal.db");
        using var dataverse = Dataverse.DataverseEnvironment.Open(options);
        var map = CustomerGroupsMap.Definition;
        var keys = Enumerable.Range(1, 150).Select(i => (IReadOnlyList<object?>)new object?[] { "USMF", GroupId(i) }).ToList();
        pair.DataverseService.Requests.Clear();

        using var transaction = dataverse.BeginTransaction("dualwrite:test");
        var found = await transaction.FindManyAsync(map.Dataverse, map.DataverseKeyPaths, keys, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 150).Select(GroupId), found.Select(g => g!.msdyn_groupid));
        Assert.Equal(150, KeyReads(pair.DataverseService, "msdyn_groupid eq"));
        Assert.Equal(1, KeyReadRequests(pair.DataverseService, "msdyn_groupid eq"));
    }

    [Fact]
    public async Task Reading_ahead_fills_each_query_up_to_the_longest_url_and_no_further()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedDataverseGroupsAsync(pair, 1, 200);
        var options = pair.DataverseOptions();
        options.PrefetchKeysPerQuery = 1000;
        options.JournalPath = System.IO.Path.Combine(pair.Folder, "long-urls-journal.db");
        using var dataverse = Dataverse.DataverseEnvironment.Open(options);
        var map = CustomerGroupsMap.Definition;
        var keys = Enumerable.Range(1, 200).Select(i => (IReadOnlyList<object?>)new object?[] { "USMF", GroupId(i) }).ToList();
        pair.DataverseService.Requests.Clear();

        using var transaction = dataverse.BeginTransaction("dualwrite:test");
        var found = await transaction.FindManyAsync(map.Dataverse, map.DataverseKeyPaths, keys, CancellationToken.None);

        Assert.All(found, Assert.NotNull);
        var lengths = pair.DataverseService.Requests.Entries
            .SelectMany(Operations)
            .Where(o => o.Method == "GET" && IsKeyRead(o.Url, "msdyn_groupid eq"))
            .Select(o => new Uri(pair.DataverseService.ServiceRoot, o.Url).AbsoluteUri.Length)
            .ToList();
        Assert.True(lengths.Count > 1, $"{lengths.Count} query read 200 keys.");
        Assert.All(lengths, length => Assert.InRange(length, 1, Connector.RowPrefetch.MaxUrlLength));

        // Every query but the last was full: one more key's clause (about 100 characters escaped) would have passed the limit.
        Assert.All(lengths.SkipLast(1), length => Assert.InRange(length, Connector.RowPrefetch.MaxUrlLength - 150, Connector.RowPrefetch.MaxUrlLength));
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_fails_only_its_own_find()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var usmf = FaultTests.CompanyId(pair, "USMF");
        var group = await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", "10"), ("_msdyn_company_value", usmf)));
        await pair.DataverseService.InsertAsync("accounts", Rows.Of(("accountnumber", "US1"), ("name", "Sound"), ("_msdyn_company_value", usmf), ("_msdyn_customergroupid_value", group["msdyn_customergroupid"])));
        await pair.DataverseService.InsertAsync("accounts", Rows.Of(("accountnumber", "US2"), ("name", "Dangling"), ("_msdyn_company_value", usmf), ("_msdyn_customergroupid_value", Guid.NewGuid())));
        var map = CustomersMap.Definition;
        var paths = map.DataverseKeyPaths;
        IReadOnlyList<object?> Key(string account) => new object?[] { "USMF", account };

        using var transaction = pair.Dataverse.BeginTransaction("dualwrite:test");
        pair.DataverseService.Requests.Clear();
        var error = await Assert.ThrowsAsync<EnvironmentWriteException>(async () => await transaction.FindManyAsync(map.Dataverse, paths, new[] { Key("US1"), Key("US2") }, CancellationToken.None));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);

        // The chunk held the unreadable row, so both keys were read again by their own finds; US1's answers the find that follows.
        Assert.Equal("Sound", transaction.Find(map.Dataverse, paths, Key("US1"))!.name);
        Assert.Throws<EnvironmentWriteException>(() => transaction.Find(map.Dataverse, paths, Key("US2")));
        Assert.Equal(1 + 2 + 1, KeyReads(pair.DataverseService, "accountnumber eq"));
    }

    private static string GroupId(int number) => FaultTests.GroupId(number);

    private static IReadOnlyDictionary<string, object?> FoKey(int number) => Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", GroupId(number)));

    private static async Task SeedFoGroupsAsync(ConnectedPair pair, int from, int through)
    {
        for (var i = from; i <= through; i++)
        {
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", GroupId(i)), ("Description", "Group " + i.ToString(CultureInfo.InvariantCulture))));
        }
    }

    private static async Task SeedDataverseGroupsAsync(ConnectedPair pair, int from, int through)
    {
        var usmf = FaultTests.CompanyId(pair, "USMF");
        for (var i = from; i <= through; i++)
        {
            await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", GroupId(i)), ("msdyn_description", "Group " + i.ToString(CultureInfo.InvariantCulture)), ("_msdyn_company_value", usmf)));
        }
    }

    /// <summary>The GETs that looked rows up by key, alone or inside a <c>$batch</c> (the feeds' polls filter on other columns).</summary>
    private static int KeyReads(LocalODataService service, string keyClause) =>
        service.Requests.Entries.Sum(e => Operations(e).Count(o => o.Method == "GET" && IsKeyRead(o.Url, keyClause)));

    /// <summary>The requests (a GET or a <c>$batch</c>) that held key reads.</summary>
    private static int KeyReadRequests(LocalODataService service, string keyClause) =>
        service.Requests.Entries.Count(e => Operations(e).Any(o => o.Method == "GET" && IsKeyRead(o.Url, keyClause)));

    private static IEnumerable<(string Method, string Url)> Operations(RequestLogEntry entry) =>
        entry.BatchOperations.Count > 0 ? entry.BatchOperations.Select(o => (o.Method, o.Url)) : new[] { (entry.Method, entry.Url) };

    private static bool IsKeyRead(string url, string keyClause) => Uri.UnescapeDataString(url).Contains(keyClause, StringComparison.Ordinal);

    private static Dictionary<string, string?> FoGroups(ConnectedPair pair) =>
        pair.FoService.Rows("CustomerGroups").ToDictionary(r => (string)r["CustomerGroupId"]!, r => (string?)r["Description"], StringComparer.Ordinal);

    private static Dictionary<string, string?> DataverseGroups(ConnectedPair pair) =>
        pair.DataverseService.Rows("msdyn_customergroups").ToDictionary(r => (string)r["msdyn_groupid"]!, r => (string?)r["msdyn_description"], StringComparer.Ordinal);
}
