using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DualWrite.Benchmarks;

/// <summary>
/// The out-of-box maps (tests/DualWrite.Generator.Tests/TestData/outofbox, 140 maps) with their schemas, and the
/// synthetic project of issue 20 made of them: the maps repeated under other names up to a count, one file per map.
/// <see cref="GeneratorDriverBenchmarks"/> runs them in memory; <c>synthetic-project &lt;folder&gt; [count]</c> writes the
/// synthetic one as a project, so that a real <c>dotnet build</c> of it can be measured (docs/performance-generator.md).
/// </summary>
internal static class SyntheticMapsProject
{
    public static string OutOfBoxFolder => Path.Combine(CompilerBenchmarks.RepositoryRoot(), "tests", "DualWrite.Generator.Tests", "TestData", "outofbox");

    /// <summary>Each out-of-box map by its file's name, in path order.</summary>
    public static IReadOnlyList<(string Name, string Text)> OutOfBoxMaps() => Directory.GetFiles(OutOfBoxFolder, "*.dwmap")
        .Where(p => Path.GetFileName(p) != "schemas.dwmap")
        .OrderBy(p => p, StringComparer.Ordinal)
        .Select(p => (Path.GetFileNameWithoutExtension(p), File.ReadAllText(p)))
        .ToList();

    /// <summary><c>schemas.dwmap</c> and the two $metadata documents it declares, by their paths in the project.</summary>
    public static IEnumerable<(string Path, string Text)> Schemas() =>
        Directory.GetFiles(Path.Combine(OutOfBoxFolder, "schemas")).OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => ("schemas/" + Path.GetFileName(p), File.ReadAllText(p)))
            .Prepend(("schemas.dwmap", File.ReadAllText(Path.Combine(OutOfBoxFolder, "schemas.dwmap"))));

    /// <summary><paramref name="count"/> maps by their paths in the project: copy <c>n</c> of a map has its names suffixed <c>_n</c>.</summary>
    public static IEnumerable<(string Path, string Text)> Maps(int count)
    {
        var maps = OutOfBoxMaps();
        return Enumerable.Range(0, count).Select(i => (Copy: i / maps.Count, Map: maps[i % maps.Count]))
            .Select(c => ($"maps/{c.Map.Name}_{c.Copy}.dwmap", c.Copy == 0 ? c.Map.Text : Renamed(c.Map.Text, "_" + c.Copy)));
    }

    /// <summary>Writes the synthetic project: a class library that compiles <paramref name="count"/> maps with this repository's generator.</summary>
    public static void Write(string folder, int count)
    {
        var root = CompilerBenchmarks.RepositoryRoot();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Synthetic.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{root}/generator/DualWrite.Generator/build/DualWrite.Compiler.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Synthetic</RootNamespace>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/generator/DualWrite.Generator/DualWrite.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{root}/generator/DualWrite.Abstractions/DualWrite.Abstractions.csproj" />
              </ItemGroup>
            </Project>

            """);
        foreach (var (path, text) in Schemas().Concat(Maps(count)))
        {
            var file = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        Console.WriteLine($"{count} maps written to {folder}; measure its build with /usr/bin/time -v dotnet build {folder} -c Release -m:1 -nodeReuse:false -p:UseSharedCompilation=false");
    }

    // Another copy of a map: its map and value maps renamed (names are unique in a compilation), the rest as it is.
    private static string Renamed(string map, string suffix) =>
        Regex.Replace(map, @"(?m)^(map|valuemap) (\w+)|\bvia (\w+)", m => m.Groups[3].Success
            ? "via " + m.Groups[3].Value + suffix
            : m.Groups[1].Value + " " + m.Groups[2].Value + suffix);
}
