using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Docs.Tests.Markdown;

namespace DualWrite.Docs.Tests.Compiling;

/// <summary>The lines of the checked-in snapshots of the sample's generated code, which excerpts in the docs quote.</summary>
public static class GeneratedExcerpts
{
    private static readonly Lazy<HashSet<string>> SnapshotLines = new(() =>
        Directory.GetFiles(Path.Combine(DocumentationFiles.Root, "tests", "DualWrite.Generator.Tests", "Snapshots"), "*.cs")
            .SelectMany(File.ReadLines)
            .Select(Normalize)
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>The excerpt's lines that no snapshot holds (blank lines and <c>…</c> elisions aside).</summary>
    public static IReadOnlyList<string> Unmatched(string excerpt) =>
        excerpt.Split('\n')
            .Select(Normalize)
            .Where(line => line.Length > 0 && line != "..." && line != "…" && !SnapshotLines.Value.Contains(line))
            .ToList();

    private static string Normalize(string line) => line.Trim();
}
