using System.Linq;
using DualWrite.Generator.Syntax;
using static DualWrite.Generator.Tests.Syntax.ParserTestHelpers;

namespace DualWrite.Generator.Tests.Syntax;

public class ParserConstructTests
{
    [Fact]
    public void Empty_file_has_no_declarations_and_no_errors()
    {
        var file = ParseValid(string.Empty);

        Assert.Null(file.Namespace);
        Assert.Empty(file.Declarations);
    }

    [Fact]
    public void Namespace_is_a_dotted_name_with_ranges()
    {
        const string text = "namespace Contoso.Integration.Maps\n";

        var file = ParseValid(text);

        Assert.Equal("Contoso.Integration.Maps", file.Namespace!.Text);
        Assert.Equal(new[] { "Contoso", "Integration", "Maps" }, file.Namespace.Parts.Select(p => p.Text));
        Assert.Equal("Contoso.Integration.Maps", Slice(text, file.Namespace.Range));
        Assert.Equal("Integration", Slice(text, file.Namespace.Parts[1].Range));
    }

    [Theory]
    [InlineData("schema fo \"schemas/fo.xml\"", nameof(Side.Fo), "fo", "schemas/fo.xml")]
    [InlineData("schema dataverse \"..\\\\schemas\\\\dv.xml\"", nameof(Side.Dataverse), "dataverse", "..\\schemas\\dv.xml")]
    public void Schema_declaration(string text, string side, string sideText, string path)
    {
        var schema = Single<SchemaDeclaration>(ParseValid(text));

        Assert.Equal(side, schema.Side.ToString());
        Assert.Equal(sideText, Slice(text, schema.SideRange));
        Assert.Equal(LiteralKind.String, schema.Path.Kind);
        Assert.Equal(path, schema.Path.Value);
        Assert.Equal(text, Slice(text, schema.Range));
    }

    [Theory]
    [InlineData("<->", SyncDirection.Both)]
    [InlineData("->", SyncDirection.ToDataverse)]
    [InlineData("<-", SyncDirection.ToFo)]
    public void Map_header(string arrow, SyncDirection direction)
    {
        var text = $"map Customers : fo CustomersV3 {arrow} dataverse accounts {{\n}}";

        var map = Single<MapDeclaration>(ParseValid(text));

        Assert.Equal("Customers", map.Name.Text);
        Assert.Equal("CustomersV3", map.FoEntitySet.Text);
        Assert.Equal("accounts", map.DataverseEntitySet.Text);
        Assert.Equal(direction, map.Direction);
        Assert.Equal(arrow, Slice(text, map.DirectionRange));
        Assert.Equal("CustomersV3", Slice(text, map.FoEntitySet.Range));
        Assert.Equal("accounts", Slice(text, map.DataverseEntitySet.Range));
        Assert.Equal(text, Slice(text, map.Range));
        Assert.Empty(map.Items);
    }

    [Theory]
    [InlineData("company striped", nameof(CompanyScope.Striped))]
    [InlineData("company global", nameof(CompanyScope.Global))]
    public void Company_item(string text, string scope)
    {
        var item = SingleItem<CompanyItem>(text);

        Assert.Equal(scope, item.Scope.ToString());
    }

    [Fact]
    public void Key_item_with_several_pairs()
    {
        const string text = "map M : fo A <-> dataverse b {\n  key CustomerAccount <-> accountnumber, dataAreaId <-> msdyn_company\n}";

        var key = Assert.IsType<KeyItem>(Assert.Single(Single<MapDeclaration>(ParseValid(text)).Items));


        Assert.Equal(2, key.Pairs.Count);
        Assert.Equal("CustomerAccount", key.Pairs[0].Fo.Text);
        Assert.Equal("accountnumber", key.Pairs[0].Dataverse.Text);
        Assert.Equal("dataAreaId", key.Pairs[1].Fo.Text);
        Assert.Equal("msdyn_company", key.Pairs[1].Dataverse.Text);
        Assert.Equal("dataAreaId <-> msdyn_company", Slice(text, key.Pairs[1].Range));
        Assert.Equal("key CustomerAccount <-> accountnumber, dataAreaId <-> msdyn_company", Slice(text, key.Range));
    }

    [Fact]
    public void Filter_item_keeps_raw_text_and_its_range_without_backticks()
    {
        const string text = "map M : fo A <-> dataverse b {\n  filter fo `((PartyType == \"Organization\") && (Name like 'A*\\'))`\n}";

        var map = Single<MapDeclaration>(ParseValid(text));
        var filter = Assert.IsType<FilterItem>(Assert.Single(map.Items));

        Assert.Equal(Side.Fo, filter.Side);
        Assert.Equal("((PartyType == \"Organization\") && (Name like 'A*\\'))", filter.Text);
        Assert.Equal(filter.Text, Slice(text, filter.TextRange));
        Assert.Equal("fo", Slice(text, filter.SideRange));
        Assert.Equal("filter fo `" + filter.Text + "`", Slice(text, filter.Range));
    }

    [Fact]
    public void Dataverse_filter_and_empty_filter_text()
    {
        var map = Single<MapDeclaration>(ParseValid("map M : fo A <-> dataverse b {\n  filter dataverse `statecode eq 0`\n  filter fo ``\n}"));

        var dataverse = Assert.IsType<FilterItem>(map.Items[0]);
        var empty = Assert.IsType<FilterItem>(map.Items[1]);
        Assert.Equal(Side.Dataverse, dataverse.Side);
        Assert.Equal("statecode eq 0", dataverse.Text);
        Assert.Equal(string.Empty, empty.Text);
        Assert.Equal(0, empty.TextRange.Length);
    }

    [Fact]
    public void After_item_lists_maps()
    {
        var item = SingleItem<AfterItem>("after CustomerGroups, PaymentTerms ,Currencies");

        Assert.Equal(new[] { "CustomerGroups", "PaymentTerms", "Currencies" }, item.Maps.Select(m => m.Text));
    }

    [Theory]
    [InlineData("fo-wins", nameof(ConflictPolicy.FoWins))]
    [InlineData("dataverse-wins", nameof(ConflictPolicy.DataverseWins))]
    [InlineData("latest-wins", nameof(ConflictPolicy.LatestWins))]
    [InlineData("fail", nameof(ConflictPolicy.Fail))]
    public void Conflict_item(string policy, string expected)
    {
        var text = "map M : fo A <-> dataverse b {\n  conflict " + policy + "\n}";

        var item = Assert.IsType<ConflictItem>(Assert.Single(Single<MapDeclaration>(ParseValid(text)).Items));

        Assert.Equal(expected, item.Policy.ToString());
        Assert.Equal(policy, Slice(text, item.PolicyRange));
        Assert.Equal("conflict " + policy, Slice(text, item.Range));
    }

    [Theory]
    [InlineData("sync", nameof(DeletePolicy.Sync))]
    [InlineData("ignore", nameof(DeletePolicy.Ignore))]
    public void Deletes_item(string policy, string expected)
    {
        var item = SingleItem<DeletesItem>("deletes " + policy);

        Assert.Equal(expected, item.Policy.ToString());
    }

    [Theory]
    [InlineData("CustomerAccount <-> accountnumber", SyncDirection.Both)]
    [InlineData("CreditLimit -> creditlimit", SyncDirection.ToDataverse)]
    [InlineData("LanguageId <- languagecode", SyncDirection.ToFo)]
    public void Field_directions(string line, SyncDirection direction)
    {
        var text = "map M : fo A <-> dataverse b {\n  " + line + "\n}";

        var field = Assert.IsType<FieldItem>(Assert.Single(Single<MapDeclaration>(ParseValid(text)).Items));

        Assert.Equal(direction, field.Direction);
        Assert.Equal(line.Split(' ')[1], Slice(text, field.DirectionRange));
        Assert.Equal(line.Split(' ')[0], field.Fo!.Text);
        Assert.Equal(line.Split(' ')[0], Slice(text, field.FoRange));
        Assert.Equal(line.Split(' ')[2], field.Dataverse!.Text);
        Assert.Equal(line.Split(' ')[2], Slice(text, field.DataverseRange));
        Assert.Equal(line, Slice(text, field.Range));
        Assert.Empty(field.Transforms);
    }

    [Fact]
    public void None_sides_carry_the_keyword_range()
    {
        const string text = "map M : fo A <-> dataverse b {\n  none -> customertypecode default 3\n  LanguageId <- none default \"en-us\"\n}";

        var map = Single<MapDeclaration>(ParseValid(text));
        var toDataverse = Assert.IsType<FieldItem>(map.Items[0]);
        var toFo = Assert.IsType<FieldItem>(map.Items[1]);

        Assert.Null(toDataverse.Fo);
        Assert.Equal("none", Slice(text, toDataverse.FoRange));
        Assert.Equal(text.IndexOf("none", System.StringComparison.Ordinal), toDataverse.FoRange.Start);
        Assert.Equal("customertypecode", toDataverse.Dataverse!.Text);
        Assert.Null(toFo.Dataverse);
        Assert.Equal("none", Slice(text, toFo.DataverseRange));
        Assert.Equal(text.LastIndexOf("none", System.StringComparison.Ordinal), toFo.DataverseRange.Start);
        Assert.Equal("LanguageId <- none default \"en-us\"", Slice(text, toFo.Range));
    }

    [Fact]
    public void Lookup_path_through_several_lookups()
    {
        const string text = "map M : fo A <-> dataverse b {\n  Pair <-> msdyn_pair.msdyn_fromcurrencyid.isocurrencycode\n}";

        var field = Assert.IsType<FieldItem>(Assert.Single(Single<MapDeclaration>(ParseValid(text)).Items));
        var path = field.Dataverse!;

        Assert.False(path.IsPolymorphic);
        Assert.Equal(new[] { "msdyn_pair", "msdyn_fromcurrencyid", "isocurrencycode" }, path.Segments.Select(s => s.Text));
        Assert.Equal("msdyn_pair.msdyn_fromcurrencyid.isocurrencycode", path.Text);
        Assert.Equal(path.Text, Slice(text, path.Range));
        Assert.Equal("isocurrencycode", Slice(text, path.Segments[2].Range));
    }

    [Fact]
    public void Polymorphic_lookup_names_each_target_table_with_its_key_column()
    {
        const string text = "map M : fo A <-> dataverse b {\n  Customer <-> customerid.Account(accountnumber).Contact(msdyn_contactpersonid)\n}";

        var field = Assert.IsType<FieldItem>(Assert.Single(Single<MapDeclaration>(ParseValid(text)).Items));
        var path = field.Dataverse!;

        Assert.True(path.IsPolymorphic);
        Assert.Equal("customerid", Assert.Single(path.Segments).Text);
        Assert.Equal(2, path.PolymorphicTargets.Count);
        Assert.Equal("Account", path.PolymorphicTargets[0].Table.Text);
        Assert.Equal("accountnumber", path.PolymorphicTargets[0].KeyColumn.Text);
        Assert.Equal("Contact", path.PolymorphicTargets[1].Table.Text);
        Assert.Equal("msdyn_contactpersonid", path.PolymorphicTargets[1].KeyColumn.Text);
        Assert.Equal("Contact(msdyn_contactpersonid)", Slice(text, path.PolymorphicTargets[1].Range));
        Assert.Equal("customerid.Account(accountnumber).Contact(msdyn_contactpersonid)", Slice(text, path.Range));
        Assert.Equal(path.Text, Slice(text, path.Range));
    }

    [Fact]
    public void Several_transforms_on_one_field()
    {
        const string text = "map M : fo A <-> dataverse b {\n  City <-> address1_city default \"\" via Contoso.Integration.Text.TitleCase default null\n}";

        var field = Assert.IsType<FieldItem>(Assert.Single(Single<MapDeclaration>(ParseValid(text)).Items));

        Assert.Equal(3, field.Transforms.Count);
        var first = Assert.IsType<DefaultTransform>(field.Transforms[0]);
        var via = Assert.IsType<ViaTransform>(field.Transforms[1]);
        var last = Assert.IsType<DefaultTransform>(field.Transforms[2]);
        Assert.Equal(LiteralKind.String, first.Value.Kind);
        Assert.Equal(string.Empty, first.Value.Value);
        Assert.Equal("Contoso.Integration.Text.TitleCase", via.Name.Text);
        Assert.Equal("via Contoso.Integration.Text.TitleCase", Slice(text, via.Range));
        Assert.Equal("Contoso.Integration.Text.TitleCase", Slice(text, via.Name.Range));
        Assert.Equal(LiteralKind.Null, last.Value.Kind);
        Assert.Equal("default null", Slice(text, last.Range));
        Assert.Equal("City <-> address1_city default \"\" via Contoso.Integration.Text.TitleCase default null", Slice(text, field.Range));
    }

    [Theory]
    [InlineData("\"en-us\"", nameof(LiteralKind.String), "en-us")]
    [InlineData("\"say \\\"hi\\\" \\\\ bye\"", nameof(LiteralKind.String), "say \"hi\" \\ bye")]
    [InlineData("\"\"", nameof(LiteralKind.String), "")]
    [InlineData("0", nameof(LiteralKind.Integer), "0")]
    [InlineData("-42", nameof(LiteralKind.Integer), "-42")]
    [InlineData("690970000", nameof(LiteralKind.Integer), "690970000")]
    [InlineData("12.50", nameof(LiteralKind.Decimal), "12.50")]
    [InlineData("-0.5", nameof(LiteralKind.Decimal), "-0.5")]
    [InlineData("true", nameof(LiteralKind.Boolean), "true")]
    [InlineData("false", nameof(LiteralKind.Boolean), "false")]
    [InlineData("null", nameof(LiteralKind.Null), "null")]
    [InlineData("CustVendorBlocked::Invoice", nameof(LiteralKind.EnumValue), "CustVendorBlocked::Invoice")]
    public void Default_literals_are_decoded(string literal, string kind, string value)
    {
        var text = "map M : fo A <-> dataverse b {\n  X -> x default " + literal + "\n}";

        var field = Assert.IsType<FieldItem>(Assert.Single(Single<MapDeclaration>(ParseValid(text)).Items));
        var transform = Assert.IsType<DefaultTransform>(Assert.Single(field.Transforms));

        Assert.Equal(kind, transform.Value.Kind.ToString());
        Assert.Equal(value, transform.Value.Value);
        Assert.Equal(literal, Slice(text, transform.Value.Range));
    }

    [Fact]
    public void Enum_literal_splits_into_type_and_member()
    {
        var field = SingleItem<FieldItem>("X -> x default NoYes::Yes");

        var value = Assert.IsType<DefaultTransform>(Assert.Single(field.Transforms)).Value;
        Assert.Equal("NoYes", value.EnumType);
        Assert.Equal("Yes", value.EnumMember);
    }

    [Fact]
    public void Value_map_entries_with_literals_and_else()
    {
        const string text = """
            valuemap PaymentTermsCodes {
              "Net30" <-> 1
              "Net10"  -> 1
              else     -> 1
              else    <-  "Net30"
              CustVendorBlocked::No <-> false
              12.5 <-> else
            }
            """;

        var valueMap = Single<ValueMapDeclaration>(ParseValid(text));

        Assert.Equal("PaymentTermsCodes", valueMap.Name.Text);
        Assert.Equal(6, valueMap.Entries.Count);
        var first = valueMap.Entries[0];
        Assert.Equal("Net30", first.Fo!.Value);
        Assert.Equal("\"Net30\"", Slice(text, first.FoRange));
        Assert.Equal(SyncDirection.Both, first.Direction);
        Assert.Equal("1", first.Dataverse!.Value);
        Assert.Equal("\"Net30\" <-> 1", Slice(text, first.Range));
        Assert.Equal(SyncDirection.ToDataverse, valueMap.Entries[1].Direction);
        var elseToDataverse = valueMap.Entries[2];
        Assert.Null(elseToDataverse.Fo);
        Assert.Equal("else", Slice(text, elseToDataverse.FoRange));
        Assert.Equal("->", Slice(text, elseToDataverse.DirectionRange));
        var elseToFo = valueMap.Entries[3];
        Assert.Equal(SyncDirection.ToFo, elseToFo.Direction);
        Assert.Equal("Net30", elseToFo.Dataverse!.Value);
        Assert.Equal(LiteralKind.EnumValue, valueMap.Entries[4].Fo!.Kind);
        Assert.Equal(LiteralKind.Boolean, valueMap.Entries[4].Dataverse!.Kind);
        Assert.Null(valueMap.Entries[5].Dataverse);
        Assert.Equal("else", Slice(text, valueMap.Entries[5].DataverseRange));
        Assert.Equal(text, Slice(text, valueMap.Range));
    }

    [Fact]
    public void Numbers_with_ranges()
    {
        const string text = "numbers CustomerAccounts for Customers.CustomerAccount {\n  fo        \"US0001\"..\"US4999\"\n  dataverse \"US5000\" .. \"US9999\"\n}";

        var numbers = Single<NumbersDeclaration>(ParseValid(text));

        Assert.Equal("CustomerAccounts", numbers.Name.Text);
        Assert.Equal("Customers", numbers.Map.Text);
        Assert.Equal("CustomerAccount", numbers.Field.Text);
        Assert.Equal(2, numbers.Ranges.Count);
        var fo = numbers.Ranges[0];
        Assert.Equal(Side.Fo, fo.Side);
        Assert.Equal("US0001", fo.From!.Value);
        Assert.Equal("US4999", fo.To!.Value);
        Assert.Null(fo.Prefix);
        Assert.Equal("fo        \"US0001\"..\"US4999\"", Slice(text, fo.Range));
        Assert.Equal(Side.Dataverse, numbers.Ranges[1].Side);
        Assert.Equal("dataverse", Slice(text, numbers.Ranges[1].SideRange));
        Assert.Equal(text, Slice(text, numbers.Range));
    }

    [Fact]
    public void Numbers_with_prefixes()
    {
        var numbers = Single<NumbersDeclaration>(ParseValid("numbers VendorAccounts for Vendors.VendorAccount {\n  fo prefix \"F\"\n  dataverse prefix \"C\"\n}"));

        Assert.All(numbers.Ranges, r => Assert.Null(r.From));
        Assert.Equal(new[] { "F", "C" }, numbers.Ranges.Select(r => r.Prefix!.Value));
    }

    [Fact]
    public void The_specification_example_parses_completely()
    {
        const string text = """
            // Contoso customer integration
            namespace Contoso.Integration

            schema fo        "schemas/fo.metadata.xml"          // OData CSDL ($metadata) of the F&O environment
            schema dataverse "schemas/dataverse.metadata.xml"   // OData CSDL ($metadata) of the Dataverse environment

            map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
              company striped
              key CustomerGroupId <-> msdyn_groupid
              CustomerGroupId <-> msdyn_groupid
              Description     <-> msdyn_description
            }

            map Customers : fo CustomersV3 <-> dataverse accounts {
              company striped
              key CustomerAccount <-> accountnumber
              filter fo        `((PartyType == "Organization") && (CustomerGroupId != ""))`
              filter dataverse `customertypecode eq 3 and statecode eq 0`
              conflict latest-wins
              after CustomerGroups

              CustomerAccount   <-> accountnumber
              OrganizationName  <-> name
              CustomerGroupId   <-> msdyn_customergroupid.msdyn_groupid    // lookup, bound by the target's key
              CreditLimit        -> creditlimit          default 0
              PaymentTerms      <-> msdyn_paymentterms   via PaymentTermsCodes
              none               -> customertypecode     default 3
              LanguageId        <-  none                 default "en-us"
              AddressCity       <-> address1_city        via Contoso.Integration.Text.TitleCase
            }

            valuemap PaymentTermsCodes {
              "Net30" <-> 1
              "Net60" <-> 2
              "COD"   <-> 3
              "Net10"  -> 1          // one-way entry: many-to-one towards Dataverse
              else     -> 1          // fallback towards Dataverse
              else    <-  "Net30"    // fallback towards F&O
            }

            numbers CustomerAccounts for Customers.CustomerAccount {
              fo        "US0001".."US4999"
              dataverse "US5000".."US9999"
            }

            numbers VendorAccounts for Vendors.VendorAccount {
              fo        prefix "F"
              dataverse prefix "C"
            }
            """;

        var file = ParseValid(text);

        Assert.Equal(
            new[] { "SchemaDeclaration", "SchemaDeclaration", "MapDeclaration", "MapDeclaration", "ValueMapDeclaration", "NumbersDeclaration", "NumbersDeclaration" },
            file.Declarations.Select(d => d.GetType().Name));
        var customers = (MapDeclaration)file.Declarations[3];
        Assert.Equal(14, customers.Items.Count);
        Assert.Equal(8, customers.Items.OfType<FieldItem>().Count());
    }

    [Fact]
    public void Equal_texts_give_equal_trees()
    {
        var text = System.IO.File.ReadAllText(SampleFiles()[0]);

        Assert.Equal(DwmapParser.Parse("a.dwmap", text), DwmapParser.Parse("a.dwmap", text));
    }
}
