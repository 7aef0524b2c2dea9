using System;
using System.IO;
using System.Linq;
using DualWrite.Runtime.CycleMaps;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Dataverse = DualWrite.Runtime.CycleMaps.Dataverse;

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
        var company = new Dataverse.Cdm_company { cdm_companycode = "USMF" };
        _dataverse.Save(AccountsMap.Definition.Dataverse, new Dataverse.Account { accountnumber = "US5001", name = "Fabrikam", msdyn_company = company });
        _dataverse.Save(ContactsMap.Definition.Dataverse, new Dataverse.Contact
        {
            msdyn_contactpersonid = "CP50",
            lastname = "Diaz",
            msdyn_company = company,
            parentcustomerid_account = new Dataverse.Account { accountnumber = "US5001" },
        });
        _dataverse.Save(AccountsMap.Definition.Dataverse, new Dataverse.Account
        {
            accountnumber = "US5001",
            name = "Fabrikam",
            msdyn_company = company,
            primarycontactid = new Dataverse.Contact { msdyn_contactpersonid = "CP50" },
        });
        using (var runtime = new DualWriteRuntime(_fo, _dataverse, _state, DualWriteMaps.All))
        {
            runtime.Link(new[] { "USMF" });
        }

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
        Assert.All(lookups, s => Assert.Equal(1L, s.Counts.Updated));
        Assert.All(result.Steps.Where(s => s.Pass == InitialSyncPass.Rows), s => Assert.Equal(2L, s.Counts.Inserted));
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

    private static void Sql(EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
