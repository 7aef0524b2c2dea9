using System.Linq;
using DualWrite.Generator.Syntax;
using static DualWrite.Generator.Tests.Syntax.ParserTestHelpers;

namespace DualWrite.Generator.Tests.Syntax;

/// <summary>
/// Typical mistakes: each must give exactly the DW0001s listed ("line:column: message", 0-based), so that
/// both the position and the wording are pinned.
/// </summary>
public class ParserErrorTests
{
    private const string Header = "map M : fo A <-> dataverse b {\n";

    [Fact]
    public void Missing_direction_between_field_and_column()
    {
        const string text = "map Customers : fo CustomersV3 <-> dataverse accounts {\n  CustomerAccount accountnumber\n  Name <-> name\n}";

        var file = Parse(text);

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("DW0001", diagnostic.Id);
        Assert.Equal("test.dwmap", diagnostic.Location!.FilePath);
        Assert.Equal((1, 18, 1, 31), (diagnostic.Location.StartLine, diagnostic.Location.StartColumn, diagnostic.Location.EndLine, diagnostic.Location.EndColumn));
        Assert.Equal("Expected '<->', '->' or '<-' after field 'CustomerAccount', found 'accountnumber'", diagnostic.GetMessage());
        Assert.Equal("Name", Assert.IsType<FieldItem>(Assert.Single(Single<MapDeclaration>(file).Items)).Fo!.Text);
    }

    [Fact]
    public void Missing_direction_at_the_end_of_a_line_is_reported_there()
    {
        Assert.Equal(
            new[] { "1:17: Expected '<->', '->' or '<-' after field 'CustomerAccount', found end of line" },
            Errors(Header + "  CustomerAccount\n  Name <-> name\n}"));
    }

    [Fact]
    public void Unknown_policies_and_scopes_quote_the_whole_word()
    {
        Assert.Equal(
            new[]
            {
                "1:11: Expected 'fo-wins', 'dataverse-wins', 'latest-wins' or 'fail' after 'conflict', found 'newest-wins'",
                "2:10: Expected 'sync' or 'ignore' after 'deletes', found 'sometimes'",
                "3:10: Expected 'striped' or 'global' after 'company', found 'local'",
            },
            Errors(Header + "  conflict newest-wins\n  deletes sometimes\n  company local\n}"));
    }

    [Fact]
    public void Unterminated_string_costs_one_item()
    {
        var file = Parse(Header + "  X <-> x default \"abc\n  Y <-> y\n}");

        Assert.Equal(new[] { "1:18: Unterminated string literal: close it with '\"' before the end of the line" }, file.Diagnostics.Select(Describe));
        Assert.Equal(4, file.Diagnostics[0].Location!.Range.Length);
        Assert.Equal("Y", Assert.IsType<FieldItem>(Assert.Single(Single<MapDeclaration>(file).Items)).Fo!.Text);
    }

    [Fact]
    public void Unterminated_string_in_a_schema_does_not_hide_the_next_one()
    {
        var file = Parse("schema fo \"fo.xml\nschema dataverse \"dv.xml\"\n");

        Assert.Equal(new[] { "0:10: Unterminated string literal: close it with '\"' before the end of the line" }, file.Diagnostics.Select(Describe));
        Assert.Equal(Side.Dataverse, Single<SchemaDeclaration>(file).Side);
    }

    [Fact]
    public void Unterminated_filter_text()
    {
        Assert.Equal(
            new[] { "1:12: Unterminated filter text: close it with '`' before the end of the line" },
            Errors(Header + "  filter fo `(A == 1)\n  X <-> x\n}"));
    }

    [Fact]
    public void Unterminated_comment_is_the_last_error_and_keeps_what_came_before()
    {
        var file = Parse(Header + "  X <-> x\n} /* the end\nmap N : fo A <-> dataverse b {\n  Y y\n");

        Assert.Equal(new[] { "2:2: Unterminated comment: '/*' has no closing '*/'" }, file.Diagnostics.Select(Describe));
        Assert.Equal(2, file.Diagnostics[0].Location!.Range.Length);
        Assert.Single(Single<MapDeclaration>(file).Items);
    }

    [Fact]
    public void Unterminated_comment_inside_a_map_does_not_also_report_the_missing_brace()
    {
        Assert.Equal(new[] { "2:2: Unterminated comment: '/*' has no closing '*/'" }, Errors(Header + "  X <-> x\n  /* Y <-> y\n}\n"));
    }

    [Fact]
    public void Missing_closing_brace_before_the_next_map()
    {
        var file = Parse(Header + "  X <-> x\n\nmap N : fo A <-> dataverse b {\n  Y <-> y\n}\n");

        Assert.Equal(new[] { "3:0: Expected '}' to close map 'M', found 'map'" }, file.Diagnostics.Select(Describe));
        Assert.Equal(new[] { "M", "N" }, file.Declarations.Cast<MapDeclaration>().Select(m => m.Name.Text));
        Assert.All(file.Declarations.Cast<MapDeclaration>(), m => Assert.Single(m.Items));
    }

    [Fact]
    public void Missing_closing_brace_at_the_end_of_the_file()
    {
        var file = Parse(Header + "  X <-> x\n");

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("2:0: Expected '}' to close map 'M', found end of file", Describe(diagnostic));
        Assert.Equal(0, diagnostic.Location!.Range.Length);
        Assert.Single(Single<MapDeclaration>(file).Items);
    }

    [Theory]
    [InlineData("}\n", "0:0: Expected 'map', 'valuemap', 'numbers' or 'schema', found '}'")]
    [InlineData("  @ map\n", "0:2: Expected 'map', 'valuemap', 'numbers' or 'schema', found '@'")]
    [InlineData("mapp M : fo A <-> dataverse b {}\n", "0:0: Expected 'map', 'valuemap', 'numbers' or 'schema', found 'mapp'")]
    [InlineData("\"map\"\n", "0:0: Expected 'map', 'valuemap', 'numbers' or 'schema', found \"map\"")]
    [InlineData("\0\n", "0:0: Expected 'map', 'valuemap', 'numbers' or 'schema', found character U+0000")]
    public void Bad_token_at_top_level_is_reported_once_and_the_next_declaration_parses(string junk, string error)
    {
        var file = Parse(junk + "map N : fo A <-> dataverse b {\n  Y <-> y\n}\n");

        Assert.Equal(new[] { error }, file.Diagnostics.Select(Describe));
        Assert.Equal("N", Single<MapDeclaration>(file).Name.Text);
    }

    [Fact]
    public void Independent_errors_in_two_maps_are_both_reported_and_the_good_map_survives()
    {
        const string text = """
            map C : fo A <=> dataverse b {
              X <-> y
            }
            map D : fo A <-> dataverse b {
              Y y
            }
            map E : fo A <-> dataverse b {
              Z <-> z
            }
            """;

        var file = Parse(text);

        Assert.Equal(
            new[]
            {
                "0:13: Expected '<->', '->' or '<-' after 'fo A' in map 'C', found '<=>'",
                "4:4: Expected '<->', '->' or '<-' after field 'Y', found 'y'",
            },
            file.Diagnostics.Select(Describe));
        Assert.Equal(new[] { "D", "E" }, file.Declarations.Cast<MapDeclaration>().Select(m => m.Name.Text));
    }

    [Fact]
    public void Errors_in_several_items_are_each_reported_and_later_items_still_parse()
    {
        const string text = """
            map M : fo A <-> dataverse b {
              key A -> a
              Z <-> z defualt 0
              after X Y
              F -> g via
              G -> h default
              H <-> h
            }
            """;

        var file = Parse(text);

        Assert.Equal(
            new[]
            {
                "1:8: Expected '<->' after key field 'A', found '->'",
                "2:10: Expected 'default', 'via' or a new line after field 'Z', found 'defualt'",
                "3:10: Expected ',' or a new line after map name 'X', found 'Y'",
                "4:12: Expected a value map or method name after 'via', found end of line",
                "5:16: Expected a value (string, number, true, false, null or EnumType::Member) after 'default', found end of line",
            },
            file.Diagnostics.Select(Describe));
        var map = Single<MapDeclaration>(file);
        Assert.Equal(new[] { "Z", "X", "H" }, map.Items.Select(i => i is FieldItem f ? f.Fo!.Text : ((AfterItem)i).Maps[0].Text));
    }

    [Fact]
    public void Map_header_mistakes()
    {
        Assert.Equal(
            new[]
            {
                "0:8: Expected 'fo' after ':' in map 'A', found 'dataverse'",
                "3:28: Expected '{' after 'dataverse b' in map 'N', found end of line",
                "6:6: Expected ':' after map name 'O', found 'fo'",
            },
            Errors("map A : dataverse b <-> fo A {\n  X <-> x\n}\nmap N : fo A <-> dataverse b\n  Z <-> z\n}\nmap O fo A <-> dataverse b {\n}\n"));
    }

    [Fact]
    public void Misplaced_namespace()
    {
        var file = Parse("map A : fo A <-> dataverse b {\n}\nnamespace Contoso\n");

        Assert.Equal(
            new[] { "2:0: Expected 'map', 'valuemap', 'numbers' or 'schema' (a namespace must come before all declarations, once per file), found 'namespace'" },
            file.Diagnostics.Select(Describe));
        Assert.Null(file.Namespace);
    }

    [Fact]
    public void Namespace_ending_in_a_dot()
    {
        var file = Parse("namespace Contoso.\nmap A : fo A <-> dataverse b {\n}\n");

        Assert.Equal(new[] { "0:18: Expected an identifier after 'Contoso.', found end of line" }, file.Diagnostics.Select(Describe));
        Assert.Single(file.Declarations);
    }

    [Fact]
    public void Filter_mistakes()
    {
        Assert.Equal(
            new[]
            {
                "1:12: Expected filter text in backticks (`...`) after 'filter fo', found \"(A == 1)\"",
                "2:9: Expected 'fo' or 'dataverse' after 'filter', found 'sql'",
            },
            Errors(Header + "  filter fo \"(A == 1)\"\n  filter sql `x`\n  X <-> x\n}"));
    }

    [Fact]
    public void Dataverse_path_mistakes()
    {
        Assert.Equal(
            new[]
            {
                "1:13: Polymorphic targets must follow the lookup column directly (as in 'customerid.Account(accountnumber)'), found '(' after 'a.b.C'",
                "2:16: Expected '(' after polymorphic target 'c', found end of line",
                "3:10: Expected a column name after '.', found end of line",
                "4:31: Expected ')' after 'Account(accountnumber', found end of line",
            },
            Errors(Header + "  B <-> a.b.C(k)\n  D <-> a.B(k).c\n  E <-> a.\n  F <-> a.Account(accountnumber\n  G <-> g\n}"));
    }

    [Fact]
    public void Value_map_mistakes()
    {
        var file = Parse("valuemap V {\n  Net30 <-> 1\n  \"b\" ->\n  else <- \"x\"\n  \"c\\q\" <-> 3\n  EnumT::M <-> true\n}\n");

        Assert.Equal(
            new[]
            {
                "1:2: Expected a value, 'else' or '}' in value map 'V', found 'Net30'",
                "2:8: Expected a value or 'else' after '->', found end of line",
                "4:4: Invalid escape sequence '\\q' in string literal: only \\\" and \\\\ are escapes",
            },
            file.Diagnostics.Select(Describe));
        Assert.Equal(2, Single<ValueMapDeclaration>(file).Entries.Count);
    }

    [Fact]
    public void Numbers_mistakes()
    {
        var file = Parse("numbers N for Customers {\n  fo prefix \"A\"\n}\nnumbers P for C.F {\n  fo prefix A\n  dataverse \"1\"..\"2\"\n}\nnumbers Q for C.F {\n}\nnumbers R for C.F {\n  fo 1..3\n}\n");

        Assert.Equal(
            new[]
            {
                "0:24: Expected '.' and the key field (Map.Field) after map name 'Customers', found '{'",
                "4:12: Expected a quoted prefix after 'prefix', found 'A'",
                "8:0: Expected a range for 'fo' or 'dataverse' in numbers 'Q', found '}'",
                "10:5: Expected a quoted range (\"A\"..\"B\") or 'prefix' after 'fo', found '1'",
            },
            file.Diagnostics.Select(Describe));
        Assert.Equal(new[] { "P", "Q", "R" }, file.Declarations.Cast<NumbersDeclaration>().Select(n => n.Name.Text));
        Assert.Single(((NumbersDeclaration)file.Declarations[0]).Ranges);
    }

    [Fact]
    public void Missing_enum_member_at_the_end_of_the_file_is_not_followed_by_a_missing_brace_error()
    {
        Assert.Equal(
            new[] { "1:25: Expected an enum member after 'NoYes::', found end of file" },
            Errors(Header + "  Z <-> z default NoYes::"));
    }

    [Fact]
    public void Null_character_after_a_field_keeps_the_field()
    {
        var file = Parse(Header + "  X <-> x\0\n  Y <-> y\n}\n");

        Assert.Equal(new[] { "1:9: Expected 'default', 'via' or a new line after field 'X', found character U+0000" }, file.Diagnostics.Select(Describe));
        Assert.Equal(2, Single<MapDeclaration>(file).Items.Count);
    }

    [Fact]
    public void Extra_closing_brace()
    {
        Assert.Equal(
            new[] { "2:1: Expected 'map', 'valuemap', 'numbers' or 'schema', found '}'" },
            Errors(Header + "  X <-> x\n}}\nmap N : fo A <-> dataverse b {\n}\n"));
    }
}
