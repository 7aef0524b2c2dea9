using System;
using System.IO;
using System.Linq;

namespace DualWrite.Packaging.Tests.Infrastructure;

/// <summary>The repository the tests run from, found above the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every file git knows, relative to the root: tracked, or new and not ignored (bin, obj and other build output are ignored).</summary>
    public static string[] Files() =>
        Command.Run(Root, "git", "ls-files -z --cached --others --exclude-standard")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Trim('\r', '\n'))
            .Where(f => f.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

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
