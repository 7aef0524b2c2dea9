using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;
using DualWrite.Testing.Postgres;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>The engine's use of the state store (cursors, error list, retry, pause) over SQLite and PostgreSQL alike.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EngineOverStoresTests
{
    private readonly PostgresCluster _cluster;

    public EngineOverStoresTests(PostgresCluster cluster) => _cluster = cluster;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void A_failed_change_waits_in_the_error_list_across_a_restart_and_a_retry_applies_it_and_what_waited(StoreKind kind)
    {
        using var environments = new Environments();
        using var subject = new StoreUnderTest(kind, _cluster);
        var runtime = new DualWriteRuntime(environments.Fo, environments.Dataverse, subject.Store, DualWriteMaps.All, DualWriteMaps.NumberSequences);
        runtime.Link(new[] { "USMF" });
        environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        runtime.SyncOnce();
        environments.Fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "Litware", group: "77"));
        environments.Fo.Save(CustomersMap.Definition.Fo, Customer("US0002", "Fabrikam", group: "30"));
        runtime.SyncOnce();
        environments.Execute(environments.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Inc' WHERE CustomerAccount = 'US0001'");
        runtime.SyncOnce();

        runtime = new DualWriteRuntime(environments.Fo, environments.Dataverse, subject.Reopen(), DualWriteMaps.All, DualWriteMaps.NumberSequences);
        var error = Assert.Single(runtime.GetErrors());
        Assert.Equal(("USMF|US0001", 1), (error.RecordKey, error.WaitingChanges));
        Assert.Equal(1, AccountCount(environments, "US0002"));
        environments.Execute(environments.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Corp' WHERE CustomerAccount = 'US0001'");
        runtime.SyncOnce();
        Assert.Equal(2, runtime.GetErrors().Single().WaitingChanges);
        environments.Dataverse.Save(CustomerGroupsMap.Definition.Dataverse, new Dataverse.Msdyn_customergroup { msdyn_groupid = "77", msdyn_company = new() { cdm_companycode = "USMF" } });

        Assert.True(runtime.Retry(error.Id));

        Assert.Empty(runtime.GetErrors());
        Assert.Equal("Litware Corp", Name(environments, "US0001"));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void A_paused_map_replays_what_changed_meanwhile_on_resume(StoreKind kind)
    {
        using var environments = new Environments();
        using var subject = new StoreUnderTest(kind, _cluster);
        var runtime = new DualWriteRuntime(environments.Fo, environments.Dataverse, subject.Store, DualWriteMaps.All, DualWriteMaps.NumberSequences);
        runtime.Link(new[] { "USMF" });
        environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        runtime.SyncOnce();

        runtime.Pause(CustomersMap.Name);
        environments.Fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "Litware", group: "30"));
        environments.Execute(environments.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Inc' WHERE CustomerAccount = 'US0001'");
        runtime.SyncOnce();
        Assert.Equal(0, AccountCount(environments, "US0001"));
        runtime.Resume(CustomersMap.Name);

        // The pass after the replay reads the replay's own writes and skips them; then nothing is left.
        Assert.Equal(2, runtime.SyncOnce().Synced);
        Assert.Equal(0, runtime.SyncOnce().Synced);
        Assert.Equal(0, runtime.SyncOnce().Read);

        Assert.Equal("Litware Inc", Name(environments, "US0001"));
        Assert.All(subject.Store.GetCursors(), c => Assert.Equal(c.Side == Side.Fo ? environments.Fo.GetHead() : environments.Dataverse.GetHead(), c.Sequence));
    }

    internal static Fo.CustomerV3 Customer(string account, string name, string group) => new()
    {
        dataAreaId = "USMF",
        CustomerAccount = account,
        OrganizationName = name,
        CustomerGroupId = group,
        PartyType = Fo.DirPartyBaseType.Organization,
        OnHoldStatus = Fo.CustVendorBlocked.No,
        PaymentTerms = "Net30",
        CreditLimit = 1000m,
        AddressCity = "Seattle",
    };

    private static long AccountCount(Environments environments, string account) =>
        environments.Scalar(environments.Dataverse, $"SELECT COUNT(*) FROM accounts WHERE accountnumber = '{account}'");

    private static string? Name(Environments environments, string account) =>
        environments.Dataverse.Query(CustomersMap.Definition.Dataverse).SingleOrDefault(a => a.accountnumber == account)?.name;
}
