using Contoso.Integration;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Tests.Support;
using ContosoDataverse = Contoso.Integration.Dataverse;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>The transaction's index of its own writes and finds answers as scanning them did: same key rules, same order.</summary>
public sealed class KeyedRowsTests
{
    private static readonly TableSchema Groups = EnvironmentSchema.ReadFile(Side.Dataverse, TestSchemas.Dataverse).GetTable("msdyn_customergroups");

    [Fact]
    public void A_later_write_of_a_key_hides_an_earlier_one_and_rows_added_after_a_find_are_indexed_too()
    {
        var writes = new KeyedRows(lastWins: true);
        var created = Row("40", deleted: false);
        var deleted = Row("40", deleted: true);
        writes.Add(created);
        Assert.Same(created, Find(writes, "USMF", "40"));

        writes.Add(deleted);
        var other = Row("41", deleted: false);
        writes.Add(other);

        Assert.Same(deleted, Find(writes, "USMF", "40"));
        Assert.Same(other, Find(writes, "usmf", "41"));
        Assert.Null(Find(writes, "DEMF", "41"));
    }

    [Fact]
    public void The_first_find_of_a_key_stays_and_keys_compare_as_text_ignoring_case_with_null_only_equal_to_null()
    {
        var found = new KeyedRows(lastWins: false);
        var first = Row("ab", deleted: false);
        found.Add(first);
        found.Add(Row("AB", deleted: false));
        found.Add(Row(null, deleted: false));

        Assert.Same(first, Find(found, "USMF", "Ab"));
        Assert.Null(Find(found, "USMF", string.Empty));
        Assert.NotNull(Find(found, "USMF", null));
    }

    private static KnownRow? Find(KeyedRows rows, string company, string? group) =>
        rows.Find(Groups, CustomerGroupsMap.Definition.DataverseKeyPaths, RowPrefetch.KeyText(Groups, CustomerGroupsMap.Definition.DataverseKeyPaths, GroupKey(company, group)));

    // The map's Dataverse key paths: the company's code, then the group.
    private static object?[] GroupKey(string company, string? group) => new object?[] { company, group };

    private static KnownRow Row(string? group, bool deleted) => new(
        Groups,
        CustomerGroupsMap.Definition.Dataverse,
        new ContosoDataverse.Msdyn_customergroup { msdyn_groupid = group, msdyn_company = new() { cdm_companycode = "USMF" } },
        deleted,
        Location: null);
}
