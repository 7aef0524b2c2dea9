using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>A <c>schema</c> declaration with its path resolved against the declaring file.</summary>
internal sealed record SchemaDeclarationSite(Side Side, string Path, string WrittenPath, SourceLocation Location);

/// <summary>A side and the full path of its schema, without positions (what loading the schemas depends on).</summary>
internal sealed record SchemaPath(Side Side, string Path);

internal static class SchemaDeclarations
{
    public static EquatableArray<SchemaDeclarationSite> Of(DwmapFile file) => file.Declarations
        .OfType<SchemaDeclaration>()
        .Select(d => new SchemaDeclarationSite(d.Side, ResolveIn(file, d.Path.Value), d.Path.Value, file.Lines.GetLocation(d.Path.Range)))
        .ToEquatableArray();

    /// <summary>The first declared schema of each side, in file order; later different ones are DW0018.</summary>
    public static EquatableArray<SchemaPath> FirstPerSide(IEnumerable<EquatableArray<SchemaDeclarationSite>> files)
    {
        var result = new List<SchemaPath>();
        foreach (var site in files.SelectMany(f => f))
        {
            if (!result.Any(r => r.Side == site.Side))
            {
                result.Add(new SchemaPath(site.Side, site.Path));
            }
        }

        return result.ToEquatableArray();
    }

    private static string ResolveIn(DwmapFile file, string relative) => file.SchemaDirectory is { } directory
        ? Normalize(System.IO.Path.Combine(directory, relative.Replace('\\', '/')))
        : Resolve(file.Path, relative);

    /// <summary>A schema path relative to the .dwmap file, as a normalized full path.</summary>
    public static string Resolve(string dwmapPath, string relative)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(dwmapPath) ?? string.Empty;
            return Normalize(System.IO.Path.Combine(directory, relative.Replace('\\', '/')));
        }
        catch (ArgumentException)
        {
            return relative;
        }
    }

    public static string Normalize(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path.Replace('\\', '/'));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
