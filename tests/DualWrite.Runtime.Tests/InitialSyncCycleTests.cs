using System;
using System.IO;
using System.Linq;
using DualWrite.Runtime.CycleMaps;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using DualWrite.Runtime.Tests.InitialSync;
using Microsoft.Data.Sqlite;
using Dataverse = DualWrite.Runtime.CycleMaps.Dataverse;
using Fo = DualWrite.Runtime.CycleMaps.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>Accounts and contacts that look each other up (the test-only maps of DualWrite.Runtime.CycleMaps).</summary>
public sealed class InitialSyncCycleTests : IDisposable
{
    private static readonly string Schemas = Path.Combine(AppContext.BaseDirectory, "cycle-schemas");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dualwrite-runtime-tests", Guid.NewGuid().ToString("N"));
    private readonly EmbeddedEnvironment _fo;
    private readonly EmbeddedEnvironment _dataverse;
    private readonly SqliteStateStore _state;

    public InitialSyncCycleTests()
    {
        _fo = EmbeddedEnvironment.Open(Side.Fo, Path.Combine(_folder, "fo.db"), Path.Combine(Schemas, "fo.metadata.xml"));
        _dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(Schemas, "dataverse.metadata.xml"));
        _state = new SqliteStateStore(Path.Combine(_folder, "state.db"));
        _dataverse.EnsureCompanies(new[] { "USMF" });
    }

    [Fact]
    public void A_customer_contact_cycle_runs_in_two_passes_rows_first_then_the_lookups()
    {
        // F&O: a customer whose primary contact is a contact person of that customer. Dataverse: another such pair.
        Sql(_fo, "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, PrimaryContactPersonId) VALUES ('USMF', 'US0001', 'Litware', 'CP01')");
        Sql(_fo, "INSERT INTO ContactPersonsV2 (dataAreaId, ContactPersonId, LastName, AssociatedContactNumber) VALUES ('USMF', 'CP01', 'Lee', 'US0001')");
        SaveDataverseAccount("US5001", "Fabrikam", primaryContact: "CP50", ("CP50", "Diaz"));
        Link();

        var runner = new InitialSyncRunner(_fo, _dataverse, _state, DualWriteMaps.All);
        var plan = runner.Plan();
        var cycle = Assert.Single(plan.Cycles);
        Assert.Equal(new[] { "Accounts", "Contacts" }, cycle.OrderBy(n => n));
        Assert.Equal(
            new[] { InitialSyncPass.Rows, InitialSyncPass.Rows, InitialSyncPass.CyclicLookups, InitialSyncPass.CyclicLookups },
            plan.Steps.Select(s => s.Pass));

        var result = runner.Run(plan, new InitialSyncOptions { Master = Side.Fo });

        Assert.Equal((InitialSyncRunStatus.Completed, 0L), (result.Status, result.Errors));
        var account = _dataverse.Query(AccountsMap.Definition.Dataverse).Single(a => a.accountnumber == "US0001");
        Assert.Equal("CP01", account.primarycontactid!.msdyn_contactpersonid);
        var contact = _dataverse.Query(ContactsMap.Definition.Dataverse).Single(c => c.msdyn_contactpersonid == "CP01");
        Assert.Equal("US0001", contact.parentcustomerid_account!.accountnumber);
        Assert.Equal("CP50", _fo.Query(AccountsMap.Definition.Fo).Single(c => c.CustomerAccount == "US5001").PrimaryContactPersonId);
        Assert.Equal("US5001", _fo.Query(ContactsMap.Definition.Fo).Single(c => c.ContactPersonId == "CP50").AssociatedContactNumber);

        // The first pass wrote each F&O row without its cyclic lookup; the second pass wrote the lookup.
        var lookups = result.Steps.Where(s => s.Pass == InitialSyncPass.CyclicLookups).ToList();
        Assert.All(lookups, s => Assert.Equal((1L, 1L, 0L), (s.Counts.Updated, s.Counts.Unchanged, s.Counts.Skipped)));
        Assert.All(result.Steps.Where(s => s.Pass == InitialSyncPass.Rows), s => Assert.Equal(2L, s.Counts.Inserted));
    }

    [Fact]
    public void In_the_second_pass_the_masters_lookup_wins_and_a_lookup_write_refused_at_the_commit_fails_alone()
    {
        // Both sides hold the customer and its two contacts alike, except the customer's primary contact.
        Sql(_fo, "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, PrimaryContactPersonId) VALUES ('USMF', 'US0001', 'Litware', 'CP01')");
        Sql(_fo, "INSERT INTO ContactPersonsV2 (dataAreaId, ContactPersonId, LastName, AssociatedContactNumber) VALUES ('USMF', 'CP01', 'Lee', 'US0001')");
        Sql(_fo, "INSERT INTO ContactPersonsV2 (dataAreaId, ContactPersonId, LastName, AssociatedContactNumber) VALUES ('USMF', 'CP02', 'Kim', 'US0001')");
        SaveDataverseAccount("US0001", "Litware", primaryContact: "CP02", ("CP01", "Lee"), ("CP02", "Kim"));
        Link();

        using var refusing = new RefusingEnvironment(_dataverse, e => e is Dataverse.Account { primarycontactid.msdyn_contactpersonid: "CP01" } a ? a.accountnumber : null);
        var refused = new InitialSyncRunner(_fo, refusing, _state, DualWriteMaps.All);
        var first = refused.Run(refused.Plan(), new InitialSyncOptions { Master = Side.Fo });

        var accounts = first.Steps.Single(s => s.Map == "Accounts" && s.Pass == InitialSyncPass.CyclicLookups).Counts;
        Assert.Equal((0L, 0L, 1L), (accounts.Inserted, accounts.Updated, accounts.Failed));
        var error = Assert.Single(refused.GetErrors(first.RunId!));
        Assert.Equal((InitialSyncPass.CyclicLookups, "USMF|US0001", "The service refused US0001."), (error.Pass, error.RecordKey, error.Reason));
        Assert.Equal("CP02", PrimaryContactOf("US0001"));

        var runner = new InitialSyncRunner(_fo, _dataverse, _state, DualWriteMaps.All);
        var second = runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo });

        Assert.Equal((InitialSyncRunStatus.Completed, 1L), (second.Status, second.Steps.Single(s => s.Map == "Accounts" && s.Pass == InitialSyncPass.CyclicLookups).Counts.Updated));
        Assert.Equal("CP01", PrimaryContactOf("US0001"));
    }

    [Fact]
    public void With_Dataverse_as_master_the_second_pass_keeps_Dataverses_lookup_fills_a_missing_one_and_skips_a_record_the_first_pass_could_not_create()
    {
        // US0001 on both sides with different primary contacts; its F&O update is refused in the first pass, so F&O
        // still names CP01 when the second pass compares. US0004 and US0005 only in F&O; US0005's create is refused.
        Sql(_fo, "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, PrimaryContactPersonId) VALUES ('USMF', 'US0001', 'Litware', 'CP01')");
        Sql(_fo, "INSERT INTO ContactPersonsV2 (dataAreaId, ContactPersonId, LastName, AssociatedContactNumber) VALUES ('USMF', 'CP01', 'Lee', 'US0001')");
        Sql(_fo, "INSERT INTO ContactPersonsV2 (dataAreaId, ContactPersonId, LastName, AssociatedContactNumber) VALUES ('USMF', 'CP02', 'Kim', 'US0001')");
        SaveDataverseAccount("US0001", "Litware", primaryContact: "CP02", ("CP01", "Lee"), ("CP02", "Kim"));
        Sql(_fo, "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, PrimaryContactPersonId) VALUES ('USMF', 'US0004', 'Northwind', 'CP04')");
        Sql(_fo, "INSERT INTO ContactPersonsV2 (dataAreaId, ContactPersonId, LastName, AssociatedContactNumber) VALUES ('USMF', 'CP04', 'Diaz', 'US0004')");
        Sql(_fo, "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName) VALUES ('USMF', 'US0005', 'Contoso')");
        Link();
        using var fo = new RefusingEnvironment(_fo, e => e is Fo.CustomerV3 { CustomerAccount: "US0001" } c ? c.CustomerAccount : null);
        using var dataverse = new RefusingEnvironment(_dataverse, e => e is Dataverse.Account { accountnumber: "US0005" } a ? a.accountnumber : null);
        var runner = new InitialSyncRunner(fo, dataverse, _state, DualWriteMaps.All);

        var result = runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Dataverse });

        Assert.Equal(
            new[] { (InitialSyncPass.Rows, "USMF|US0001"), (InitialSyncPass.Rows, "USMF|US0005") },
            runner.GetErrors(result.RunId!).Select(e => (e.Pass, e.RecordKey)).OrderBy(e => e.RecordKey));
        var lookups = result.Steps.Single(s => s.Map == "Accounts" && s.Pass == InitialSyncPass.CyclicLookups).Counts;
        Assert.Equal((1L, 1L, 1L, 0L), (lookups.Updated, lookups.Unchanged, lookups.Skipped, lookups.Failed));
        Assert.Equal("CP02", PrimaryContactOf("US0001"));
        Assert.Equal("CP04", PrimaryContactOf("US0004"));
        Assert.DoesNotContain(_dataverse.Query(AccountsMap.Definition.Dataverse), a => a.accountnumber == "US0005");
    }

    public void Dispose()
    {
        _state.Dispose();
        _fo.Dispose();
        _dataverse.Dispose();
        // The environments and the store cleared their own connection pools when disposed. ClearAllPools would also
        // dispose the idle connections of tests running in parallel, under their feet (ObjectDisposedException).
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Saves a Dataverse account, its contacts, then the account again with its primary contact when it has one: the rows look each other up.</summary>
    private void SaveDataverseAccount(string account, string name, string? primaryContact, params (string Id, string LastName)[] contacts)
    {
        var company = new Dataverse.Cdm_company { cdm_companycode = "USMF" };
        _dataverse.Save(AccountsMap.Definition.Dataverse, new Dataverse.Account { accountnumber = account, name = name, msdyn_company = company });
        foreach (var (id, lastName) in contacts)
        {
            _dataverse.Save(ContactsMap.Definition.Dataverse, new Dataverse.Contact
            {
                msdyn_contactpersonid = id,
                lastname = lastName,
                msdyn_company = company,
                parentcustomerid_account = new Dataverse.Account { accountnumber = account },
            });
        }

        if (primaryContact is not null)
        {
            _dataverse.Save(AccountsMap.Definition.Dataverse, new Dataverse.Account
            {
                accountnumber = account,
                name = name,
                msdyn_company = company,
                primarycontactid = new Dataverse.Contact { msdyn_contactpersonid = primaryContact },
            });
        }
    }

    private void Link()
    {
        using var runtime = new DualWriteRuntime(_fo, _dataverse, _state, DualWriteMaps.All);
        runtime.Link(new[] { "USMF" });
    }

    private string? PrimaryContactOf(string account) =>
        _dataverse.Query(AccountsMap.Definition.Dataverse).Single(a => a.accountnumber == account).primarycontactid?.msdyn_contactpersonid;

    private static void Sql(EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
