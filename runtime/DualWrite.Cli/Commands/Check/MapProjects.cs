using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DualWrite.Cli.Commands.Check;

/// <summary>
/// The projects whose maps a folder holds: a map belongs to the nearest <c>.csproj</c> above it. Each project compiles
/// its maps apart, so checking two projects' maps together would report clashes that no build sees.
/// </summary>
internal static class MapProjects
{
    /// <summary>The folders of the projects inside <paramref name="folder"/> that own maps, relative to it; a map outside any project counts as the folder's own.</summary>
    public static IReadOnlyList<string> Of(MapFolder folder) =>
        folder.Maps
            .Select(map => Owner(Path.GetDirectoryName(map)!, folder.Root))
            .Distinct(StringComparer.Ordinal)
            .Select(owner => Path.GetRelativePath(folder.Root, owner))
            .OrderBy(owner => owner, StringComparer.Ordinal)
            .ToList();

    private static string Owner(string directory, string root)
    {
        for (var current = directory; current.Length > root.Length; current = Path.GetDirectoryName(current)!)
        {
            if (Directory.EnumerateFiles(current, "*.csproj").Any())
            {
                return current;
            }
        }

        return root;
    }
}
