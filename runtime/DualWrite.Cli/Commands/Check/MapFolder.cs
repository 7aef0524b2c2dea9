using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DualWrite.Cli.Commands.Check;

/// <summary>
/// The generator's inputs found in a folder by the same convention as <c>DualWrite.Compiler.props</c>:
/// every <c>.dwmap</c>, every <c>$metadata</c> document (<c>*.metadata.xml</c>, <c>*.edmx</c>, <c>*.csdl</c>,
/// <c>schemas/**/*.xml</c>) and the C# sources that <c>via</c> methods are looked up in.
/// </summary>
public sealed class MapFolder
{
    private MapFolder(string root, IReadOnlyList<string> maps, IReadOnlyList<string> schemas, IReadOnlyList<string> sources)
    {
        Root = root;
        Maps = maps;
        Schemas = schemas;
        Sources = sources;
    }

    /// <summary>The folder, as a full path.</summary>
    public string Root { get; }

    public IReadOnlyList<string> Maps { get; }

    public IReadOnlyList<string> Schemas { get; }

    public IReadOnlyList<string> Sources { get; }

    public static MapFolder Scan(string folder)
    {
        var root = Path.GetFullPath(folder);
        var maps = new List<string>();
        var schemas = new List<string>();
        var sources = new List<string>();
        foreach (var file in EnumerateFiles(root))
        {
            var relative = Path.GetRelativePath(root, file);
            if (file.EndsWith(".dwmap", StringComparison.OrdinalIgnoreCase))
            {
                maps.Add(file);
            }
            else if (IsSchema(relative))
            {
                schemas.Add(file);
            }
            else if (file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                sources.Add(file);
            }
        }

        // Sorted so that output and "first declaration wins" rules do not depend on the file system's order.
        return new MapFolder(root, Sorted(maps), Sorted(schemas), Sorted(sources));
    }

    private static bool IsSchema(string relativePath)
    {
        var name = Path.GetFileName(relativePath);
        if (name.EndsWith(".metadata.xml", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".edmx", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".csdl", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var directories = Path.GetDirectoryName(relativePath)?.Split(Path.DirectorySeparatorChar) ?? [];
        return name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
            && directories.Contains("schemas", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Skips build output and hidden folders, as the SDK's default item excludes do.</summary>
    private static IEnumerable<string> EnumerateFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (name is "bin" or "obj" || name.StartsWith('.'))
            {
                continue;
            }

            foreach (var file in EnumerateFiles(child))
            {
                yield return file;
            }
        }
    }

    private static IReadOnlyList<string> Sorted(List<string> paths) => paths.OrderBy(p => p, StringComparer.Ordinal).ToList();
}
