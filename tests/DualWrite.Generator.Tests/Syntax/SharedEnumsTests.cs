using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Syntax;

/// <summary>
/// The map enums (sides, directions, policies) are declared once, in Abstractions' MapEnums.cs, which the generator
/// compiles as linked source: no other file declares them again.
/// </summary>
public sealed class SharedEnumsTests
{
    private static readonly Regex Declaration = new(@"\benum\s+(Side|SyncDirection|Direction|CompanyScope|ConflictPolicy|DeletePolicy)\b", RegexOptions.CultureInvariant);

    [Fact]
    public void Map_enums_are_declared_only_in_Abstractions()
    {
        var declaring = new[] { "generator", "runtime", "analyzers" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/") && !file.Contains("/bin/"))
            .Where(file => Declaration.IsMatch(File.ReadAllText(Path.Combine(RepoPaths.Root, file))))
            .ToList();

        Assert.Equal(new[] { "generator/DualWrite.Abstractions/MapEnums.cs" }, declaring);
    }
}
