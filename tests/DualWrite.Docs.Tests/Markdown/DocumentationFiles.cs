using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DualWrite.Docs.Tests.Markdown;

/// <summary>The repository's user documentation: README.md and every Markdown file under docs/.</summary>
public static class DocumentationFiles
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> All() =>
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal));

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static readonly Lazy<SnippetCatalog> Catalog = new(() =>
    {
        var snippets = new List<Snippet>();
        var problems = new List<SnippetProblem>();
        foreach (var file in All())
        {
            var (found, wrong) = SnippetReader.Read(Relative(file), File.ReadAllText(file));
            snippets.AddRange(found);
            problems.AddRange(wrong);
        }

        return new SnippetCatalog(snippets, problems);
    });

    public static SnippetCatalog Snippets => Catalog.Value;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DualWrite.Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
