using System.Linq;
using DualWrite.Generator.Syntax;
using static DualWrite.Generator.Tests.Syntax.ParserTestHelpers;

namespace DualWrite.Generator.Tests.Syntax;

public class ParserLexicalTests
{
    [Theory]
    [InlineData("key <-> msdyn_key", "key")]
    [InlineData("filter -> msdyn_filter", "filter")]
    [InlineData("company <- msdyn_company", "company")]
    [InlineData("after <-> msdyn_after", "after")]
    [InlineData("conflict <-> msdyn_conflict", "conflict")]
    [InlineData("deletes -> msdyn_deletes", "deletes")]
    [InlineData("map <-> msdyn_map", "map")]
    [InlineData("valuemap <-> msdyn_valuemap", "valuemap")]
    [InlineData("numbers <-> msdyn_numbers", "numbers")]
    [InlineData("schema <-> msdyn_schema", "schema")]
    [InlineData("namespace <-> msdyn_namespace", "namespace")]
    [InlineData("default <-> msdyn_default", "default")]
    [InlineData("via <-> msdyn_via", "via")]
    [InlineData("fo <-> dataverse", "fo")]
    [InlineData("else <-> striped", "else")]
    public void A_keyword_followed_by_a_direction_is_a_field_name(string line, string name)
    {
        var field = SingleItem<FieldItem>(line);

        Assert.Equal(name, field.Fo!.Text);
    }

    [Fact]
    public void Keyword_items_and_keyword_named_fields_side_by_side()
    {
        const string text = """
            map M : fo A <-> dataverse b {
              key key <-> msdyn_key
              key <-> msdyn_key
              filter fo `(filter == "x")`
              filter -> msdyn_filter default "filter"
              after key
              after <- after via after
              X -> map.key.filter
            }
            """;

        var items = Single<MapDeclaration>(ParseValid(text)).Items;

        Assert.Equal(
            new[] { nameof(KeyItem), nameof(FieldItem), nameof(FilterItem), nameof(FieldItem), nameof(AfterItem), nameof(FieldItem), nameof(FieldItem) },
            items.Select(i => i.GetType().Name));
        Assert.Equal("key", ((KeyItem)items[0]).Pairs[0].Fo.Text);
        Assert.Equal("key", ((AfterItem)items[4]).Maps[0].Text);
        var after = (FieldItem)items[5];
        Assert.Equal("after", after.Fo!.Text);
        Assert.Equal("after", after.Dataverse!.Text);
        Assert.Equal("after", Assert.IsType<ViaTransform>(Assert.Single(after.Transforms)).Name.Text);
        Assert.Equal("map.key.filter", ((FieldItem)items[6]).Dataverse!.Text);
    }

    [Fact]
    public void Keywords_as_declaration_and_entity_names()
    {
        var map = Single<MapDeclaration>(ParseValid("map map : fo key <-> dataverse filter {\n}"));

        Assert.Equal("map", map.Name.Text);
        Assert.Equal("key", map.FoEntitySet.Text);
        Assert.Equal("filter", map.DataverseEntitySet.Text);
    }

    [Fact]
    public void A_field_called_default_after_a_field_is_not_taken_as_its_transform()
    {
        var map = Single<MapDeclaration>(ParseValid("map M : fo A <-> dataverse b {\n  X -> x\n  default <-> msdyn_default\n  via -> msdyn_via\n}"));

        Assert.Equal(3, map.Items.Count);
        Assert.All(map.Items, i => Assert.Empty(Assert.IsType<FieldItem>(i).Transforms));
    }

    [Fact]
    public void Comments_everywhere_whitespace_may_be()
    {
        const string text = """
            /* leading */ // line
            namespace /* a */ Contoso /* b */ . /* c */ Integration // ns
            /* between */
            schema /* x */ fo /* y */ "fo.xml" // trailing
            map /* 1 */ M /* 2 */ : /* 3 */ fo /* 4 */ A /* 5 */ <-> /* 6 */ dataverse /* 7 */ b /* 8 */ { // open
              // a whole line
              key /* k */ A /* k2 */ <-> /* k3 */ a /* k4 */ , /* k5 */ B <-> b // pairs
              X /* x */ -> /* y */ x /* z */ default /* d */ 1 /* v */ via /* n */ Some /* . */ . /* m */ Method // f
              Y <-> y.Account /* p */ ( /* q */ accountnumber /* r */ ) /* s */ . Contact(c)
            /* before close */ } /* after close */
            valuemap /* a */ V /* b */ { /* c */ "a" /* d */ <-> /* e */ 1 /* f */ } // end
            numbers /* a */ N /* b */ for /* c */ M /* d */ . /* e */ X /* f */ { /* g */ fo /* h */ "1" /* i */ .. /* j */ "2" /* k */ } /* l */
            // final
            /* final block
               on several lines */
            """;

        var file = ParseValid(text);

        Assert.Equal("Contoso.Integration", file.Namespace!.Text);
        Assert.Equal(4, file.Declarations.Count);
        var map = (MapDeclaration)file.Declarations[1];
        Assert.Equal(3, map.Items.Count);
        Assert.Equal(2, ((KeyItem)map.Items[0]).Pairs.Count);
        var x = (FieldItem)map.Items[1];
        Assert.Equal("Some.Method", ((ViaTransform)x.Transforms[1]).Name.Text);
        Assert.Equal("X /* x */ -> /* y */ x /* z */ default /* d */ 1 /* v */ via /* n */ Some /* . */ . /* m */ Method", Slice(text, x.Range));
        Assert.Equal("y.Account(accountnumber).Contact(c)", ((FieldItem)map.Items[2]).Dataverse!.Text);
    }

    [Fact]
    public void Comment_markers_inside_strings_and_filters_are_text()
    {
        const string text = "map M : fo A <-> dataverse b {\n  filter fo `(Url == \"http://x/*y*/\")`\n  X -> x default \"// not a comment /*\"\n}";

        var map = Single<MapDeclaration>(ParseValid(text));

        Assert.Equal("(Url == \"http://x/*y*/\")", ((FilterItem)map.Items[0]).Text);
        Assert.Equal("// not a comment /*", ((DefaultTransform)((FieldItem)map.Items[1]).Transforms[0]).Value.Value);
    }

    [Fact]
    public void Crlf_line_endings_parse_like_lf_with_exact_ranges()
    {
        var lf = System.IO.File.ReadAllText(SampleFiles().Single(f => f.EndsWith("customers.dwmap", System.StringComparison.Ordinal))).Replace("\r\n", "\n");
        var crlf = lf.Replace("\n", "\r\n");

        var fromLf = ParseValid(lf);
        var fromCrlf = ParseValid(crlf);

        Assert.Equal(fromLf.Declarations.Count, fromCrlf.Declarations.Count);
        var map = (MapDeclaration)fromCrlf.Declarations[3];
        var field = map.Items.OfType<FieldItem>().First(f => f.Fo?.Text == "CreditLimit");
        Assert.Equal("CreditLimit        -> creditlimit          default 0", Slice(crlf, field.Range));
        Assert.Equal((24, 2), fromCrlf.Lines.GetPosition(field.Range.Start));
    }

    [Fact]
    public void Crlf_errors_report_the_same_line_and_column_as_lf()
    {
        const string lf = "map M : fo A <-> dataverse b {\n  X <-> x\n  Y y\n}\n";

        Assert.Equal(Errors(lf), Errors(lf.Replace("\n", "\r\n")));
        Assert.Equal(new[] { "2:4: Expected '<->', '->' or '<-' after field 'Y', found 'y'" }, Errors(lf.Replace("\n", "\r\n")));
    }

    [Fact]
    public void Byte_order_mark_and_tabs_are_whitespace()
    {
        var file = ParseValid("\uFEFFnamespace N\n\tmap M : fo A\t<->\tdataverse b {\n\t\tX <-> x\n\t}\n");

        Assert.Equal("N", file.Namespace!.Text);
        Assert.Single(Single<MapDeclaration>(file).Items);
    }

    [Fact]
    public void Several_items_may_share_a_line()
    {
        var map = Single<MapDeclaration>(ParseValid("map M : fo A <-> dataverse b { company global key A <-> a X <-> x Y -> y default 1 }"));

        Assert.Equal(new[] { nameof(CompanyItem), nameof(KeyItem), nameof(FieldItem), nameof(FieldItem) }, map.Items.Select(i => i.GetType().Name));
    }
}
