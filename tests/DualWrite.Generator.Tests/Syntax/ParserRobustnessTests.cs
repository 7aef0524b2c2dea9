using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Syntax;

public class ParserRobustnessTests
{
    private const int MutationsPerFile = 1500;

    private static readonly string[] Fragments =
    {
        "{", "}", "(", ")", "<->", "->", "<-", "<", "-", ">", ".", "..", "::", ":", ",", "\"", "`", "/*", "*/", "//", "\\",
        "\n", "\r\n", "\r", "\0", " ", "\t", "map", "valuemap", "numbers", "schema", "namespace", "key", "filter", "none",
        "else", "default", "via", "fo", "dataverse", "prefix", "for", "x", "1", "-2", "3.5", "\uFEFF", "\uD800", "é",
    };

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in ParserTestHelpers.SampleFiles())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Mutated_samples_never_throw_and_diagnostics_stay_inside_the_text(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Samples, "maps", fileName));
        var random = new Random(fileName.Length * 7919);

        for (var length = 0; length < text.Length; length += 3)
        {
            AssertWellBehaved(text.Substring(0, length));
        }

        for (var i = 0; i < MutationsPerFile; i++)
        {
            AssertWellBehaved(Mutate(text, random));
        }
    }

    [Theory]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("/*")]
    [InlineData("\"")]
    [InlineData("`")]
    [InlineData("map ")]
    [InlineData("map M : fo A <-> dataverse b {\n  X <-> ")]
    [InlineData("\0")]
    [InlineData("\uD800")]
    public void Pathological_inputs_are_handled(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length));

        AssertWellBehaved(text);
    }

    [Fact]
    public void A_single_line_of_many_items_parses()
    {
        var text = "map M : fo A <-> dataverse b { " + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"F{i} <-> f{i} ")) + "}";

        var file = DwmapParser.Parse("line.dwmap", text);

        Assert.Empty(file.Diagnostics);
        Assert.Equal(20_000, ((MapDeclaration)file.Declarations[0]).Items.Count);
    }

    [Fact]
    public void A_two_thousand_line_file_parses_without_diagnostics()
    {
        var file = DwmapParser.Parse("large.dwmap", LargeFile(2_000));

        Assert.Empty(file.Diagnostics);
    }

    [Fact]
    public void Cancellation_is_honoured_between_declarations()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DwmapParser.Parse("large.dwmap", LargeFile(100), source.Token));
    }

    [Fact]
    public void Null_path_and_text_are_treated_as_empty()
    {
        var file = DwmapParser.Parse(null!, null!);

        Assert.Empty(file.Declarations);
        Assert.Empty(file.Diagnostics);
    }

    private static void AssertWellBehaved(string text)
    {
        DwmapFile file;
        try
        {
            file = DwmapParser.Parse("fuzz.dwmap", text);
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"Parse threw {exception.GetType().Name} on input:\n{Escape(text)}\n{exception}");
        }

        var previous = -1;
        foreach (var diagnostic in file.Diagnostics)
        {
            var location = diagnostic.Location!;
            var range = location.Range;
            Assert.True(range.Start >= 0 && range.Length >= 0 && range.End <= text.Length, $"range {range} outside the text of length {text.Length}:\n{Escape(text)}");
            Assert.True(range.Start > previous, $"diagnostics out of order or repeated at {range.Start}:\n{Escape(text)}");
            previous = range.Start;
            Assert.Equal("DW0001", diagnostic.Id);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage()));
            Assert.Equal(file.Lines.GetPosition(range.Start), (location.StartLine, location.StartColumn));
        }

        foreach (var declaration in file.Declarations)
        {
            Assert.True(declaration.Range.Start >= 0 && declaration.Range.End <= text.Length);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var result = text;
        var edits = random.Next(1, 4);
        for (var edit = 0; edit < edits; edit++)
        {
            var position = random.Next(result.Length + 1);
            switch (random.Next(6))
            {
                case 0:
                    result = result.Remove(Math.Min(position, Math.Max(0, result.Length - 1)), result.Length == 0 ? 0 : 1);
                    break;
                case 1:
                    result = result.Insert(position, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    var length = Math.Min(random.Next(1, 20), result.Length - Math.Min(position, result.Length));
                    result = result.Insert(position, result.Substring(Math.Min(position, result.Length), length));
                    break;
                case 3:
                    result = EditToken(result, random, delete: true);
                    break;
                case 4:
                    result = EditToken(result, random, delete: false);
                    break;
                default:
                    result = SwapLines(result, random);
                    break;
            }
        }

        return result;
    }

    private static string EditToken(string text, Random random, bool delete)
    {
        var tokens = text.Split(' ');
        if (tokens.Length < 2)
        {
            return text;
        }

        var index = random.Next(tokens.Length);
        var list = new List<string>(tokens);
        if (delete)
        {
            list.RemoveAt(index);
        }
        else
        {
            list.Insert(random.Next(list.Count), tokens[index]);
        }

        return string.Join(" ", list);
    }

    private static string SwapLines(string text, Random random)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2)
        {
            return text;
        }

        var a = random.Next(lines.Length);
        var b = random.Next(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join("\n", lines);
    }

    private static string LargeFile(int lines)
    {
        var builder = new StringBuilder("// generated\nnamespace Contoso.Large\n\nschema fo \"fo.xml\"\nschema dataverse \"dv.xml\"\n");
        var map = 0;
        var count = 5;
        while (count < lines)
        {
            builder.Append("\nmap Map").Append(map).Append(" : fo Entities").Append(map).Append(" <-> dataverse tables").Append(map).Append(" {\n");
            builder.Append("  company striped\n  key Id <-> msdyn_id\n  filter fo `((Status == \"Active\") && (Amount > 0))`  // active only\n  conflict latest-wins\n  after Map").Append(Math.Max(0, map - 1)).Append('\n');
            for (var field = 0; field < 30; field++)
            {
                builder.Append("  Field").Append(field).Append("  <-> msdyn_field").Append(field).Append(".msdyn_code   default \"x\" via Codes").Append(map).Append('\n');
            }

            builder.Append("}\n\nvaluemap Codes").Append(map).Append(" {\n  \"A\" <-> 1\n  \"B\" -> 2\n  else <- \"A\"\n}\n");
            count += 45;
            map++;
        }

        return builder.ToString();
    }

    private static string Escape(string text) =>
        text.Length > 2_000 ? text.Substring(0, 2_000) + "..." : text.Replace("\0", "\\0");
}
