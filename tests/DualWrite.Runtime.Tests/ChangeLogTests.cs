using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using Microsoft.Data.Sqlite;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// The runtime's transactions log their own writes with the tables' triggers off. Their change-log rows must read
/// exactly as the triggers' rows for plain SQL do, and the triggers must stay on for everyone else.
/// </summary>
public sealed class ChangeLogTests
{
    private static readonly string[] GroupColumns =
    {
        "msdyn_customergroupid", "msdyn_groupid", "msdyn_description", "_msdyn_company_value", "statecode", "statuscode",
        "createdon", "modifiedon", "_createdby_value", "_modifiedby_value", "versionnumber",
    };

    [Fact]
    public void A_runtime_write_is_logged_as_the_trigger_logs_the_same_write_in_plain_sql()
    {
        using var world = new World(link: false);
        world.Dataverse.EnsureCompanies(new[] { "USMF" });
        var company = (string)world.Scalar(world.Dataverse, "SELECT cdm_companyid FROM cdm_companies WHERE cdm_companycode = 'USMF'")!;
        var head = world.Dataverse.GetHead();

        using (var transaction = world.Dataverse.BeginTransaction("dualwrite:test"))
        {
            transaction.Insert(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_groupid = "10", msdyn_description = "Retail", msdyn_company = new() { cdm_companycode = "USMF" } });
            transaction.Commit();
        }

        var id = (string)world.Scalar(world.Dataverse, "SELECT msdyn_customergroupid FROM msdyn_customergroups WHERE msdyn_groupid = '10'")!;
        world.Execute(world.Dataverse, "INSERT INTO msdyn_customergroups (msdyn_groupid, msdyn_description, _msdyn_company_value) VALUES ('20', 'Retail', $company)", ("$company", company));
        var plainId = (string)world.Scalar(world.Dataverse, "SELECT msdyn_customergroupid FROM msdyn_customergroups WHERE msdyn_groupid = '20'")!;

        var changes = world.Dataverse.ReadChanges("msdyn_customergroups", head, world.Dataverse.GetHead());
        Assert.Equal(2, changes.Count);
        var (runtime, plain) = (changes[0], changes[1]);
        Assert.Equal(("dualwrite:test", (string?)null), (runtime.Origin, plain.Origin));
        Assert.Equal((ChangeOperation.Insert, ChangeOperation.Insert), (runtime.Operation, plain.Operation));
        Assert.Equal($"[\"{id}\"]", runtime.RowKey);
        Assert.Equal($"[\"{plainId}\"]", plain.RowKey);

        // Column for column, the runtime's image holds what the trigger writes for a row with the same values: the non-null ones.
        var expected = Values(plain.Image);
        expected["msdyn_customergroupid"] = id;
        expected["msdyn_groupid"] = "10";
        Assert.Equal(GroupColumns.Take(6), Values(runtime.Image).Keys);
        Assert.Equal(expected, Values(runtime.Image));
        Assert.Equal(Values(Image(world, id)).Where(c => c.Value is not null), Values(runtime.Image));
    }

    [Fact]
    public void Updates_and_deletes_log_the_row_after_and_before_and_an_update_that_changes_nothing_logs_nothing()
    {
        using var world = new World(link: false);
        world.Execute(world.Fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '10', 'Retail')");
        var head = world.Fo.GetHead();
        var key = new[] { new KeyPath("dataAreaId"), new KeyPath("CustomerGroupId") };
        var values = new object?[] { "USMF", "10" };

        using (var transaction = world.Fo.BeginTransaction("dualwrite:test"))
        {
            var group = new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "10", Description = "Retail" };
            transaction.Update(World.FoGroup, key, values, group, new[] { "Description" });
            group.Description = "RETAIL";
            transaction.Update(World.FoGroup, key, values, group, new[] { "Description" });
            transaction.Delete(World.FoGroup, key, values);
            transaction.Commit();
        }

        var changes = world.Fo.ReadChanges("CustomerGroups", head, world.Fo.GetHead());
        Assert.Equal(new[] { ChangeOperation.Update, ChangeOperation.Delete }, changes.Select(c => c.Operation));
        Assert.All(changes, c => Assert.Equal("[\"USMF\",\"10\"]", c.RowKey));
        Assert.All(changes, c => Assert.Equal("RETAIL", Values(c.Image)["Description"]));
        Assert.Equal("No", Values(changes[0].Image)["IsSalesTaxIncludedInPrice"]);
    }

    [Fact]
    public void Plain_sql_on_a_pooled_connection_is_still_logged_after_a_runtime_transaction()
    {
        using var world = new World(link: false);
        using (var transaction = world.Fo.BeginTransaction("dualwrite:test"))
        {
            transaction.Insert(World.FoGroup, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "10" });
            transaction.Commit();
        }

        var head = world.Fo.GetHead();
        using (var connection = new SqliteConnection(world.Fo.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId) VALUES ('USMF', '20')";
            command.ExecuteNonQuery();
        }

        var change = Assert.Single(world.Fo.ReadChanges("CustomerGroups", head, world.Fo.GetHead()));
        Assert.Null(change.Origin);
        Assert.Equal("[\"USMF\",\"20\"]", change.RowKey);
    }

    [Fact]
    public void Trying_an_insert_on_a_taken_key_writes_nothing_and_says_so()
    {
        using var world = new World(link: false);
        world.Dataverse.EnsureCompanies(new[] { "USMF" });
        var keyPaths = CustomerGroupsPaths();
        var keyValues = keyPaths.Select(p => (object?)(p.ThroughLookup ? "USMF" : "10")).ToList();
        Dataverse.Msdyn_customergroup Group(string description) => new() { msdyn_groupid = "10", msdyn_description = description, msdyn_company = new() { cdm_companycode = "USMF" } };

        using (var transaction = world.Dataverse.BeginTransaction("dualwrite:test"))
        {
            Assert.True(transaction.TryInsert(World.DataverseGroup, keyPaths, keyValues, Group("first")));
            Assert.False(transaction.TryInsert(World.DataverseGroup, keyPaths, keyValues, Group("second")));
            transaction.Commit();
        }

        Assert.Equal(1L, world.Scalar(world.Dataverse, "SELECT COUNT(*) FROM msdyn_customergroups"));
        Assert.Equal("first", world.Scalar(world.Dataverse, "SELECT msdyn_description FROM msdyn_customergroups"));
        Assert.Equal(1L, world.Scalar(world.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'msdyn_customergroups'"));
    }

    [Fact]
    public void Counting_changes_tells_the_runtimes_own_from_ordinary_ones()
    {
        using var world = new World(link: false);
        var head = world.Fo.GetHead();
        using (var transaction = world.Fo.BeginTransaction("dualwrite:test"))
        {
            transaction.Insert(World.FoGroup, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "10" });
            transaction.Insert(World.FoGroup, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "20" });
            transaction.Commit();
        }

        world.Execute(world.Fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId) VALUES ('USMF', '30')");

        Assert.Equal(new ChangeCount(3, 1), world.Fo.CountChanges("CustomerGroups", head, world.Fo.GetHead()));
        Assert.Equal(new ChangeCount(1, 0), world.Fo.CountChanges("CustomerGroups", head, head + 1));
    }

    private static IReadOnlyList<KeyPath> CustomerGroupsPaths() => Contoso.Integration.CustomerGroupsMap.Definition.DataverseKeyPaths;

    private static string Image(World world, string id)
    {
        var columns = string.Join(", ", GroupColumns.Select(c => $"'{c}', {c}"));
        return (string)world.Scalar(world.Dataverse, $"SELECT json_object({columns}) FROM msdyn_customergroups WHERE msdyn_customergroupid = $id", ("$id", id))!;
    }

    private static Dictionary<string, object?> Values(string image)
    {
        using var document = JsonDocument.Parse(image);
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetDouble(),
                JsonValueKind.Null => null,
                _ => (object?)p.Value.GetRawText(),
            });
    }
}
