using System.Collections.Generic;
using System.Linq;
using DualWrite.Cli.Commands.Import.Conversion;
using DualWrite.Cli.Commands.Import.DualWriteJson;

namespace DualWrite.Cli.Tests.Import;

/// <summary>Each kind of decision the import writes down instead of guessing.</summary>
public sealed class ImportDecisionTests
{
    [Theory]
    [InlineData("(CustomerGroupId == A*)", "(CustomerGroupId like \"A*\")")]
    [InlineData("(CreditMax == 1..10)", "((CreditMax >= 1) && (CreditMax <= 10))")]
    [InlineData("(CustomerGroupId == !A)", "(CustomerGroupId != \"A\")")]
    [InlineData("(CustomerGroupId == a, b)", "((CustomerGroupId == \"a\") || (CustomerGroupId == \"b\"))")]
    [InlineData("((PartyType == \"Organization\") && (CustomerGroupId != A*))", "((PartyType == \"Organization\") && (!(CustomerGroupId like \"A*\")))")]
    public void A_value_range_filter_is_rewritten_as_DW0004_suggests_and_the_original_kept(string filter, string expected)
    {
        var map = Import(Leg(sourceFilter: filter));

        Assert.Contains("  filter fo `" + expected + "`\n", map.Text, System.StringComparison.Ordinal);
        Assert.Contains("dual-write's was: " + filter + "\n", map.Text, System.StringComparison.Ordinal);
        var decision = Assert.Single(map.Decisions);
        Assert.Equal(DecisionKind.FilterRewritten, decision.Kind);
        Assert.False(map.NeedsHuman);
    }

    [Fact]
    public void The_rewrite_is_the_one_DW0004_suggests_and_it_compiles()
    {
        using var sample = TestFolder.CopyOfSample();
        const string Filter = "(CustomerGroupId == US*)";
        var leg = new MapLeg
        {
            SourceSchema = "CustomerGroups",
            DestinationSchema = "msdyn_customergroups",
            SourceFilter = Filter,
            FieldMappings = [new JsonFieldMapping { SourceField = "CUSTOMERGROUPID", DestinationField = "msdyn_groupid" }],
        };
        var imported = Import(leg).Text.Replace("map Accounts", "map ImportedGroups", System.StringComparison.Ordinal);
        var original = "map Original : fo CustomerGroups <-> dataverse msdyn_customergroups {\n  filter fo `" + Filter + "`\n  CustomerGroupId <-> msdyn_groupid\n}\n";

        sample.Write(System.IO.Path.Combine("maps", "original.dwmap"), original);
        var suggestion = Assert.Single(Commands.Check.CheckCommand.Check(sample.Path), d => d.Id == "DW0004").Message;
        sample.Delete(System.IO.Path.Combine("maps", "original.dwmap"));
        sample.Write(System.IO.Path.Combine("maps", "imported.dwmap"), imported);
        var errors = Commands.Check.CheckCommand.Check(sample.Path).Where(d => d.IsError);

        var rewritten = "(CustomerGroupId like \"US*\")";
        Assert.Contains("write " + rewritten, suggestion, System.StringComparison.Ordinal);
        Assert.Contains("filter fo `" + rewritten + "`", imported, System.StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_lone_equals_becomes_double_equals()
    {
        var map = Import(Leg(sourceFilter: "(AssociatedContactType = 1)"));

        Assert.Contains("filter fo `(AssociatedContactType == 1)`", map.Text, System.StringComparison.Ordinal);
        Assert.Equal(DecisionKind.FilterRewritten, Assert.Single(map.Decisions).Kind);
    }

    [Fact]
    public void A_filter_that_is_a_value_range_as_a_whole_is_left_out_for_a_human()
    {
        var map = Import(Leg(sourceFilter: "A*"));

        Assert.DoesNotContain("filter fo", map.Text, System.StringComparison.Ordinal);
        Assert.Contains("// import: F&O filter left out, dual-write's was: A*", map.Text, System.StringComparison.Ordinal);
        Assert.Equal(DecisionKind.FilterNotImported, Assert.Single(map.Decisions).Kind);
        Assert.True(map.NeedsHuman);
    }

    [Fact]
    public void Several_keys_none_marked_take_the_first_and_ask_a_human()
    {
        var keys = new[] { new EntityKey { Name = "Number", Fields = ["accountnumber"] }, new EntityKey { Name = "Name", Fields = ["name"] } };

        var map = Import(Leg(), keys);

        Assert.Contains("  key ACCOUNTNUM <-> accountnumber\n", map.Text, System.StringComparison.Ordinal);
        Assert.Equal(DecisionKind.SeveralKeys, Assert.Single(map.Decisions).Kind);
        Assert.True(map.NeedsHuman);
    }

    [Fact]
    public void Several_keys_with_one_integration_key_take_it_with_a_note()
    {
        var keys = new[] { new EntityKey { Name = "Name", Fields = ["name"] }, new EntityKey { Name = "Number", Fields = ["accountnumber"], IsIntegrationKey = true } };

        var map = Import(Leg(), keys);

        Assert.Contains("  key ACCOUNTNUM <-> accountnumber\n", map.Text, System.StringComparison.Ordinal);
        Assert.Equal(DecisionKind.SeveralKeys, Assert.Single(map.Decisions).Kind);
        Assert.False(map.NeedsHuman);
    }

    [Fact]
    public void Two_rows_writing_one_field_keep_the_first_and_the_second_loses_that_direction()
    {
        var map = Import(Leg(extra:
        [
            new JsonFieldMapping { SyncDirection = FieldSyncDirection.ToDataverse, SourceField = "NAME", DestinationField = "name" },
            new JsonFieldMapping { SyncDirection = FieldSyncDirection.Both, SourceField = "NAMEALIAS", DestinationField = "name" },
            new JsonFieldMapping { SyncDirection = FieldSyncDirection.ToDataverse, SourceField = "ORGNAME", DestinationField = "name" },
        ]));

        Assert.Contains("  NAMEALIAS <- name\n", map.Text, System.StringComparison.Ordinal);
        Assert.Contains("// import: left out 'ORGNAME -> name'", map.Text, System.StringComparison.Ordinal);
        Assert.Equal([DecisionKind.TwoRowsWriteOneField, DecisionKind.RowNotImported], map.Decisions.Select(d => d.Kind));
        Assert.True(map.NeedsHuman);
    }

    [Fact]
    public void A_value_map_whose_reverse_is_ambiguous_writes_the_later_value_one_way()
    {
        var map = Import(Leg(extra:
        [
            new JsonFieldMapping
            {
                SyncDirection = FieldSyncDirection.Both, SourceField = "TERMS", DestinationField = "paymenttermscode",
                ValueTransforms = [new ValueTransform { TransformType = "ValueMap", ValueMap = new Dictionary<string, string> { ["Net30"] = "1", ["Net30b"] = "1", ["Net60"] = "2" } }],
            },
        ]));

        Assert.Contains("  \"Net30\" <-> 1\n  \"Net30b\" -> 1\n  \"Net60\" <-> 2\n", map.Text, System.StringComparison.Ordinal);
        Assert.Contains("  TERMS <-> paymenttermscode via Accounts_TERMS\n", map.Text, System.StringComparison.Ordinal);
        Assert.Equal(DecisionKind.AmbiguousReverse, Assert.Single(map.Decisions).Kind);
        Assert.True(map.NeedsHuman);
    }

    [Fact]
    public void An_unknown_transform_is_left_out_for_a_human()
    {
        var map = Import(Leg(extra:
        [
            new JsonFieldMapping { SyncDirection = FieldSyncDirection.ToDataverse, SourceField = "NAME", DestinationField = "name", ValueTransforms = [new ValueTransform { TransformType = "Concatenate" }] },
        ]));

        Assert.Contains("  NAME -> name\n", map.Text, System.StringComparison.Ordinal);
        var decision = Assert.Single(map.Decisions);
        Assert.Equal(DecisionKind.UnknownTransform, decision.Kind);
        Assert.Contains("Concatenate", decision.Message, System.StringComparison.Ordinal);
        Assert.True(map.NeedsHuman);
    }

    [Fact]
    public void The_company_row_is_left_to_company_striping()
    {
        var map = Import(Leg(extra: [new JsonFieldMapping { SourceField = "DATAAREAID", DestinationField = "msdyn_company.cdm_companycode" }]));

        Assert.DoesNotContain("\n  DATAAREAID <->", map.Text, System.StringComparison.Ordinal);
        Assert.Equal(DecisionKind.RowNotImported, Assert.Single(map.Decisions).Kind);
        Assert.False(map.NeedsHuman);
    }

    [Fact]
    public void A_plain_map_needs_no_decision()
    {
        var map = Import(Leg(), [new EntityKey { Fields = ["accountnumber"], IsIntegrationKey = true }]);

        Assert.Equal(
            """
            // imported by dualwrite import
            map Accounts : fo CustomersV3 <-> dataverse accounts {
              key ACCOUNTNUM <-> accountnumber

              ACCOUNTNUM <-> accountnumber
              NAME -> name default "unnamed"
            }

            """.Replace("\r\n", "\n", System.StringComparison.Ordinal),
            map.Text);
        Assert.Empty(map.Decisions);
    }

    private static MapLeg Leg(string? sourceFilter = null, JsonFieldMapping[]? extra = null) => new()
    {
        SourceSchema = "CustomersV3",
        DestinationSchema = "accounts",
        SourceFilter = sourceFilter,
        FieldMappings =
        [
            new JsonFieldMapping { SyncDirection = FieldSyncDirection.Both, SourceField = "ACCOUNTNUM", DestinationField = "accountnumber" },
            .. extra ?? [new JsonFieldMapping { SyncDirection = FieldSyncDirection.ToDataverse, SourceField = "NAME", DestinationField = "name", ValueTransforms = [new ValueTransform { TransformType = "Default", DefaultValue = "unnamed" }] }],
        ],
    };

    private static ImportedMap Import(MapLeg leg, EntityKey[]? keys = null)
    {
        var project = new MapProject
        {
            Environments = keys is null ? [] : [new MapEnvironment { Schemas = [new EntitySchema { Name = "accounts", Keys = keys }] }],
            EntityMappingTasks = [new EntityMappingTask { Name = "Accounts", Legs = [leg] }],
        };
        return Assert.Single(new MapImporter().Import([project], null));
    }
}
