using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using DualWrite.Generator.Common;
using DualWrite.Generator.Incremental;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Incremental;

/// <summary>A declaration cut out of its file holds no position of the file: every range counts from the declaration's start.</summary>
public sealed class DeclarationUnitTests
{
    [Fact]
    public void A_declaration_is_equal_wherever_it_stands_in_its_file()
    {
        var text = SampleText("customers.dwmap");
        var units = DeclarationUnit.Of(DwmapParser.Parse("/p/customers.dwmap", text));
        var moved = DeclarationUnit.Of(DwmapParser.Parse("/p/customers.dwmap", "// a comment\n\n\n" + text.Replace("\nmap Customers", "\n/* moved */\n\nmap Customers", StringComparison.Ordinal)));

        Assert.Equal(4, units.Length);
        Assert.Equal(units.AsEnumerable(), moved.AsEnumerable());
    }

    [Fact]
    public void A_declaration_whose_text_changed_is_equal_only_when_its_tree_is()
    {
        const string line = "  CustomerGroupId <-> msdyn_groupid\n";
        var text = SampleText("customers.dwmap").Replace(line, "  // group\n" + line, StringComparison.Ordinal);
        Assert.Contains(line, text, StringComparison.Ordinal);
        var units = DeclarationUnit.Of(DwmapParser.Parse("/p/customers.dwmap", text));

        // Another comment of the same length inside the map: its text differs, its tree (counted from its start) does not.
        var commented = DeclarationUnit.Of(DwmapParser.Parse("/p/customers.dwmap", text.Replace("// group", "// codes", StringComparison.Ordinal)));
        Assert.Equal(units.AsEnumerable(), commented.AsEnumerable());

        var edited = DeclarationUnit.Of(DwmapParser.Parse("/p/customers.dwmap", text.Replace(line, line.Replace("<->", "->", StringComparison.Ordinal), StringComparison.Ordinal)));
        Assert.Equal(1, units.Zip(edited, (a, b) => a.Equals(b) ? 0 : 1).Sum());
    }

    [Fact]
    public void Every_range_of_every_declaration_of_the_samples_counts_from_the_declaration()
    {
        // Reflection finds every TextRange and offset in the tree, so a node type that SyntaxRebase forgets fails here.
        foreach (var path in Directory.GetFiles(Path.Combine(RepoPaths.Samples, "maps"), "*.dwmap"))
        {
            var file = DwmapParser.Parse(path, "\n\n\n\n" + File.ReadAllText(path));
            foreach (var unit in DeclarationUnit.Of(file))
            {
                var declaration = Assert.Single(unit.File.Declarations);
                var original = file.Declarations[unit.Index];
                Assert.Equal(0, declaration.Range.Start);
                var (shifted, kept) = (Ranges(declaration).ToList(), Ranges(original).ToList());
                Assert.Equal(kept.Count, shifted.Count);
                Assert.Equal(kept.Select(r => r - original.Range.Start), shifted);
            }
        }
    }

    private static string SampleText(string name) => File.ReadAllText(Path.Combine(RepoPaths.Samples, "maps", name));

    private static IEnumerable<int> Ranges(object? node)
    {
        switch (node)
        {
            case null or string or Enum:
                yield break;
            case TextRange range:
                yield return range.Start;
                yield break;
            case EquatableArray<int> offsets:
                foreach (var offset in offsets)
                {
                    yield return offset;
                }

                yield break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    foreach (var start in Ranges(item))
                    {
                        yield return start;
                    }
                }

                yield break;
        }

        if (node.GetType().IsPrimitive)
        {
            yield break;
        }

        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            foreach (var start in Ranges(property.GetValue(node)))
            {
                yield return start;
            }
        }
    }
}
