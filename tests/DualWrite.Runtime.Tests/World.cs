using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>Two embedded environments from the Contoso schemas, a state store and a runtime with the Contoso maps, in a temp folder.</summary>
internal sealed class World : IDisposable
{
    public static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "schemas");

    public World(IEnumerable<IDualWriteMap>? maps = null, string[]? companies = null, bool link = true)
    {
        Folder = Path.Combine(Path.GetTempPath(), "dualwrite-runtime-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Fo = EmbeddedEnvironment.Open(Side.Fo, Path.Combine(Folder, "fo.db"), Path.Combine(SchemaFolder, "fo.metadata.xml"));
        Dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(Folder, "dataverse.db"), Path.Combine(SchemaFolder, "dataverse.metadata.xml"));
        State = new SqliteStateStore(Path.Combine(Folder, "state.db"));
        Maps = (maps ?? DualWriteMaps.All).ToList();
        Runtime = new DualWriteRuntime(Fo, Dataverse, State, Maps, DualWriteMaps.NumberSequences);
        if (link)
        {
            Runtime.Link(companies ?? new[] { "USMF" });
        }
    }

    public string Folder { get; }

    public EmbeddedEnvironment Fo { get; }

    public EmbeddedEnvironment Dataverse { get; }

    public SqliteStateStore State { get; }

    public IReadOnlyList<IDualWriteMap> Maps { get; }

    public DualWriteRuntime Runtime { get; set; }

    public static EntityDescriptor<Fo.CustomerV3> FoCustomer => CustomersMap.Definition.Fo;

    public static EntityDescriptor<Dataverse.Account> Account => CustomersMap.Definition.Dataverse;

    public static EntityDescriptor<Fo.CustomerGroup> FoGroup => CustomerGroupsMap.Definition.Fo;

    public static EntityDescriptor<Dataverse.Msdyn_customergroup> DataverseGroup => CustomerGroupsMap.Definition.Dataverse;

    public static Fo.CustomerV3 Customer(string account, string name, string group = "30", string company = "USMF") => new()
    {
        dataAreaId = company,
        CustomerAccount = account,
        OrganizationName = name,
        CustomerGroupId = group,
        PartyType = Contoso.Integration.Fo.DirPartyBaseType.Organization,
        OnHoldStatus = Contoso.Integration.Fo.CustVendorBlocked.No,
        PaymentTerms = "Net30",
        CreditLimit = 1000m,
        AddressCity = "Seattle",
    };

    public static Dataverse.Account NewAccount(string number, string name, string group = "30", string company = "USMF") => new()
    {
        accountnumber = number,
        name = name,
        msdyn_company = new Dataverse.Cdm_company { cdm_companycode = company },
        msdyn_customergroupid = new Dataverse.Msdyn_customergroup { msdyn_groupid = group },
        customertypecode = 3,
        statecode = 0,
        msdyn_onholdstatus = 806380000,
        msdyn_paymentterms = 1,
        address1_city = "Seattle",
    };

    /// <summary>Creates customer group 30 in USMF on both sides and syncs it.</summary>
    public void SeedGroup(string group = "30", string company = "USMF")
    {
        Fo.Save(FoGroup, new Fo.CustomerGroup { dataAreaId = company, CustomerGroupId = group, Description = "Group " + group });
        Runtime.SyncOnce();
    }

    public Fo.CustomerV3? FoCustomerOf(string account, string company = "USMF") =>
        Fo.Query(FoCustomer).SingleOrDefault(c => c.CustomerAccount == account && c.dataAreaId == company);

    public Dataverse.Account? AccountOf(string number, string company = "USMF") =>
        Dataverse.Query(Account).SingleOrDefault(a => a.accountnumber == number && a.msdyn_company?.cdm_companycode == company);

    /// <summary>Runs passes until one reads nothing: the runtime's own writes are read (and skipped) by the pass after them.</summary>
    public SyncResult SyncUntilQuiet()
    {
        var total = new List<SyncResult>();
        for (var i = 0; i < 10; i++)
        {
            var result = Runtime.SyncOnce();
            if (result.Read == 0)
            {
                return result;
            }

            total.Add(result);
        }

        throw new InvalidOperationException("The maps did not settle: " + string.Join(" / ", total));
    }

    /// <summary>
    /// Waits until SQLite's clock reads a later millisecond than every change logged so far on either side. Change times
    /// have millisecond resolution and latest-wins gives a tie to F&amp;O, so two edits made within one millisecond tie;
    /// a test whose next edit must be the later one waits for the clock to move on, not for a duration.
    /// </summary>
    public void WaitForTheClock()
    {
        var last = new[] { Fo, Dataverse }
            .Select(environment => Scalar(environment, "SELECT MAX(changed_at) FROM dw_changes") as string ?? string.Empty)
            .Max(StringComparer.Ordinal)!;
        while (string.CompareOrdinal(Scalar(Fo, "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") as string, last) <= 0)
        {
            Thread.Sleep(1);
        }
    }

    public int Execute(EmbeddedEnvironment environment, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    public object? Scalar(EmbeddedEnvironment environment, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        Runtime.Dispose();
        State.Dispose();
        Fo.Dispose();
        Dataverse.Dispose();
        // The environments and the store cleared their own connection pools when disposed. ClearAllPools would also
        // dispose the idle connections of tests running in parallel, under their feet (ObjectDisposedException).
        Directory.Delete(Folder, recursive: true);
    }
}
