using System;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using Microsoft.Data.Sqlite;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

public sealed class EmbeddedEnvironmentTests
{
    [Fact]
    public void Tables_follow_the_schema()
    {
        using var world = new World(link: false);

        Assert.Equal(new[] { "dataAreaId", "CustomerAccount" }, PrimaryKey(world.Fo, "CustomersV3"));
        Assert.Equal(new[] { "accountid" }, PrimaryKey(world.Dataverse, "accounts"));
        Assert.Contains("_msdyn_customergroupid_value", Columns(world.Dataverse, "accounts"));
        Assert.Contains("cdm_companycode", Columns(world.Dataverse, "cdm_companies"));
        Assert.Equal(
            "CREATE UNIQUE INDEX \"accounts_ak1\" ON \"accounts\" (\"accountnumber\", \"_msdyn_company_value\")",
            world.Scalar(world.Dataverse, "SELECT sql FROM sqlite_master WHERE name = 'accounts_ak1'"));

        // A plain INSERT gets a Dataverse-like primary key.
        world.Execute(world.Dataverse, "INSERT INTO transactioncurrencies (isocurrencycode) VALUES ('USD')");
        var id = (string)world.Scalar(world.Dataverse, "SELECT transactioncurrencyid FROM transactioncurrencies")!;
        Assert.True(Guid.TryParse(id, out _));
    }

    [Fact]
    public void Triggers_record_every_change_in_commit_order_and_skip_writes_that_change_nothing()
    {
        using var world = new World(link: false);
        var head = world.Fo.GetHead();

        world.Execute(world.Fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '10', 'Retail')");
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'Retail' WHERE CustomerGroupId = '10'");
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'RETAIL' WHERE CustomerGroupId = '10'");
        world.Execute(world.Fo, "DELETE FROM CustomerGroups WHERE CustomerGroupId = '10'");

        var changes = world.Fo.ReadChanges("CustomerGroups", head, world.Fo.GetHead());
        Assert.Equal(new[] { ChangeOperation.Insert, ChangeOperation.Update, ChangeOperation.Delete }, changes.Select(c => c.Operation));
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.All(changes, c => Assert.Null(c.Origin));
        Assert.Contains("\"RETAIL\"", changes[1].Image);
        Assert.Equal("[\"USMF\",\"10\"]", changes[2].RowKey);
    }

    [Fact]
    public void Writes_in_a_transaction_are_tagged_with_its_origin()
    {
        using var world = new World(link: false);
        var head = world.Fo.GetHead();
        using (var transaction = world.Fo.BeginTransaction("dualwrite:test"))
        {
            transaction.Insert(World.FoGroup, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "10" });
            transaction.Commit();
        }

        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'after' WHERE CustomerGroupId = '10'");

        var changes = world.Fo.ReadChanges("CustomerGroups", head, world.Fo.GetHead());
        Assert.Equal(new[] { "dualwrite:test", null }, changes.Select(c => c.Origin));
    }

    [Fact]
    public void A_lookup_binds_by_the_alternate_key_with_the_records_company_and_reads_back()
    {
        using var world = new World(link: false);
        world.Dataverse.EnsureCompanies(new[] { "USMF", "DEMF" });
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_groupid = "30", msdyn_company = new() { cdm_companycode = "DEMF" } });
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_groupid = "30", msdyn_company = new() { cdm_companycode = "USMF" } });

        world.Dataverse.Save(World.Account, World.NewAccount("US0001", "Litware"));

        var bound = world.Scalar(world.Dataverse, "SELECT _msdyn_customergroupid_value FROM accounts");
        var usmfGroup = world.Scalar(world.Dataverse, "SELECT g.msdyn_customergroupid FROM msdyn_customergroups g JOIN cdm_companies c ON c.cdm_companyid = g._msdyn_company_value WHERE c.cdm_companycode = 'USMF'");
        Assert.Equal(usmfGroup, bound);
        var account = world.AccountOf("US0001")!;
        Assert.Equal("30", account.msdyn_customergroupid!.msdyn_groupid);
        Assert.Equal("USMF", account.msdyn_customergroupid.msdyn_company!.cdm_companycode);
    }

    [Fact]
    public void A_missing_lookup_target_fails_with_a_clear_reason()
    {
        using var world = new World(link: false);
        world.Dataverse.EnsureCompanies(new[] { "USMF" });

        var error = Assert.Throws<EnvironmentWriteException>(() => world.Dataverse.Save(World.Account, World.NewAccount("US0001", "Litware", group: "99")));

        Assert.Contains("msdyn_customergroupid", error.Message);
        Assert.Contains("no msdyn_customergroups row with msdyn_groupid = '99' and msdyn_company = 'USMF'", error.Message);
        Assert.Equal(0L, world.Scalar(world.Dataverse, "SELECT COUNT(*) FROM accounts"));
    }

    [Fact]
    public void A_polymorphic_lookup_binds_to_the_table_that_has_the_row()
    {
        using var world = new World(link: false);
        world.Dataverse.EnsureCompanies(new[] { "USMF" });
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_groupid = "30", msdyn_company = new() { cdm_companycode = "USMF" } });
        world.Dataverse.Save(World.Account, World.NewAccount("US0001", "Litware"));

        world.Dataverse.Save(ContactsMap.Definition.Dataverse, new Dataverse.Contact
        {
            msdyn_contactpersonid = "C1",
            lastname = "Smith",
            msdyn_company = new() { cdm_companycode = "USMF" },
            parentcustomerid_account = new() { accountnumber = "US0001" },
        });

        var contact = world.Dataverse.Query(ContactsMap.Definition.Dataverse).Single();
        Assert.Equal("US0001", contact.parentcustomerid_account!.accountnumber);
        Assert.Equal(world.Scalar(world.Dataverse, "SELECT accountid FROM accounts"), world.Scalar(world.Dataverse, "SELECT _parentcustomerid_value FROM contacts"));
    }

    [Fact]
    public void Values_longer_than_the_column_are_refused()
    {
        using var world = new World(link: false);

        var error = Assert.Throws<EnvironmentWriteException>(() => world.Fo.Save(World.FoCustomer, World.Customer("US0001", new string('x', 101))));

        Assert.Contains("CustomersV3.OrganizationName holds at most 100", error.Message);
        Assert.Empty(world.Fo.Query(World.FoCustomer));
    }

    [Fact]
    public void Reopening_keeps_the_identity_and_refuses_the_other_side()
    {
        using var world = new World(link: false);
        using var again = EmbeddedEnvironment.Open(Side.Fo, world.Fo.DatabasePath, System.IO.Path.Combine(World.SchemaFolder, "fo.metadata.xml"));
        Assert.Equal(world.Fo.EnvironmentId, again.EnvironmentId);
        Assert.Throws<InvalidOperationException>(() => EmbeddedEnvironment.Open(Side.Dataverse, world.Fo.DatabasePath, System.IO.Path.Combine(World.SchemaFolder, "dataverse.metadata.xml")));
    }

    private static string[] PrimaryKey(EmbeddedEnvironment environment, string table) =>
        Info(environment, table).Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToArray();

    private static string[] Columns(EmbeddedEnvironment environment, string table) => Info(environment, table).Select(c => c.Name).ToArray();

    private static (string Name, long Pk)[] Info(EmbeddedEnvironment environment, string table)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, pk FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var columns = new System.Collections.Generic.List<(string, long)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return columns.ToArray();
    }
}
