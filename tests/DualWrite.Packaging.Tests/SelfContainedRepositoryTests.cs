using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DualWrite.Packaging.Tests.Infrastructure;

namespace DualWrite.Packaging.Tests;

/// <summary>
/// A clone with nothing beside it builds, tests and reads its documentation: no file of the repository reads or
/// links a path outside it. Every file git knows (tracked, or new and not ignored) is read; build output is ignored by
/// git and so never read.
/// </summary>
public sealed class SelfContainedRepositoryTests
{
    // Names that only make sense on one machine, or beside the repository: the folder of contracts and corpora next
    // to the clone, written as a path or as a Path.Combine argument, and absolute paths into a home or work area.
    private static readonly Regex OutsideNames = new(
        """\.\.[\\/]+shared\b|Path\.Combine\([^)]*"shared"|(?<![\w.~-])/(?:work|home|Users)/|[A-Za-z]:\\Users\\""",
        RegexOptions.Compiled);

    // Paths whose base is the file's own folder: Markdown link targets, and MSBuild items and imports.
    private static readonly Regex MarkdownLink = new(@"\]\((?<path>[^)\s#]+)", RegexOptions.Compiled);
    private static readonly Regex MsBuildPath = new("""(?:Include|Project|Link|Update)="(?<path>[^"$@%*]+)""", RegexOptions.Compiled);

    [Fact]
    public void No_file_refers_to_a_path_outside_the_repository()
    {
        var root = Repository.Root;
        var problems = new List<string>();
        foreach (var file in Repository.Files())
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path) || IsBinary(path))
            {
                continue;
            }

            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in OutsideNames.Matches(lines[i]))
                {
                    problems.Add($"{file}:{i + 1}: '{match.Value}'");
                }

                foreach (var target in RelativeTargets(file, lines[i]))
                {
                    var resolved = Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(file) ?? string.Empty, target));
                    if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        problems.Add($"{file}:{i + 1}: '{target}' leaves the repository");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, "Files that refer outside the repository:\n" + string.Join("\n", problems));
    }

    // Each written in two pieces, so that this file does not name an outside path itself.
    [Theory]
    [InlineData("see .." + "/shared/DSL.md")]
    [InlineData(@"..\" + @"shared\corpora")]
    [InlineData("Path.Combine(root, \"..\", \"shared\", \"corpora\")")]
    [InlineData("Path.Combine(directory.FullName, \"shared\", \"corpora\")")]
    [InlineData("cp /" + "work/shared/corpora/x .")]
    public void The_names_of_outside_paths_are_recognised(string line) => Assert.Matches(OutsideNames, line);

    private static IEnumerable<string> RelativeTargets(string file, string line)
    {
        var links = file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? MarkdownLink.Matches(line)
            : IsMsBuild(file) ? MsBuildPath.Matches(line)
            : null;
        return links is null
            ? []
            : links.Select(m => m.Groups["path"].Value).Where(p => !p.Contains("://", StringComparison.Ordinal) && !p.StartsWith("mailto:", StringComparison.Ordinal));
    }

    private static bool IsMsBuild(string file) =>
        file.EndsWith("proj", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".targets", StringComparison.OrdinalIgnoreCase);

    private static bool IsBinary(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[8000];
        var read = stream.Read(buffer, 0, buffer.Length);
        return Array.IndexOf(buffer, (byte)0, 0, read) >= 0;
    }
}
