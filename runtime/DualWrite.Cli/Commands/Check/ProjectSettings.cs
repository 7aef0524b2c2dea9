using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace DualWrite.Cli.Commands.Check;

/// <summary>
/// What a build of the folder's project would hand the generator and the compiler, read from the nearest
/// <c>.csproj</c> without evaluating MSBuild: the root namespace, and the global usings the user's C# relies on
/// (without them a <c>via</c> method taking a <c>DateTime</c> would not bind and would be reported as DW0021).
/// </summary>
public sealed record ProjectSettings(string RootNamespace, IReadOnlyList<string> GlobalUsings)
{
    public const string DefaultRootNamespace = "DualWrite.Generated";

    /// <summary>What <c>ImplicitUsings</c> adds in a Microsoft.NET.Sdk project.</summary>
    private static readonly string[] ImplicitUsings =
    [
        "global using global::System;",
        "global using global::System.Collections.Generic;",
        "global using global::System.IO;",
        "global using global::System.Linq;",
        "global using global::System.Net.Http;",
        "global using global::System.Threading;",
        "global using global::System.Threading.Tasks;",
    ];

    public static ProjectSettings Find(string folder)
    {
        var project = FindNearestProject(folder);
        if (project is null)
        {
            return new ProjectSettings(DefaultRootNamespace, []);
        }

        // A Directory.Build.props next to or above the project is imported before the project's own properties.
        var documents = new[] { FindUpwards(Path.GetDirectoryName(project)!, "Directory.Build.props"), project }
            .Where(path => path is not null)
            .Select(path => TryLoad(path!))
            .Where(document => document is not null)
            .Select(document => document!)
            .ToList();

        var rootNamespace = LastProperty(documents, "RootNamespace");
        var implicitUsings = LastProperty(documents, "ImplicitUsings");
        var usings = new List<string>();
        if (string.Equals(implicitUsings, "enable", StringComparison.OrdinalIgnoreCase) || string.Equals(implicitUsings, "true", StringComparison.OrdinalIgnoreCase))
        {
            usings.AddRange(ImplicitUsings);
        }

        usings.AddRange(documents.SelectMany(UsingItems));
        return new ProjectSettings(IsLiteral(rootNamespace) ? rootNamespace! : Path.GetFileNameWithoutExtension(project), usings);
    }

    private static string? FindNearestProject(string folder)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(folder)); directory is not null; directory = directory.Parent)
        {
            var project = directory.EnumerateFiles("*.csproj").Select(f => f.FullName).OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
            if (project is not null)
            {
                return project;
            }
        }

        return null;
    }

    private static string? FindUpwards(string folder, string fileName)
    {
        for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static XDocument? TryLoad(string path)
    {
        try
        {
            return XDocument.Load(path);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? LastProperty(IEnumerable<XDocument> documents, string name) => documents
        .SelectMany(d => d.Descendants().Where(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup"))
        .Select(e => e.Value.Trim())
        .LastOrDefault(v => v.Length > 0);

    /// <summary>A value computed by MSBuild (<c>$(MSBuildProjectName).Maps</c>) cannot be known without evaluating it.</summary>
    private static bool IsLiteral(string? value) => !string.IsNullOrWhiteSpace(value) && !value.Contains("$(", StringComparison.Ordinal);

    /// <summary><c>&lt;Using Include="..." /&gt;</c> items, as the SDK turns them into global usings.</summary>
    private static IEnumerable<string> UsingItems(XDocument document) => document
        .Descendants()
        .Where(e => e.Name.LocalName == "Using" && e.Parent?.Name.LocalName == "ItemGroup")
        .Select(e => (Include: (string?)e.Attribute("Include"), Alias: (string?)e.Attribute("Alias"), Static: (string?)e.Attribute("Static")))
        .Where(u => IsLiteral(u.Include))
        .Select(u => u.Alias is { Length: > 0 } alias
            ? $"global using {alias} = global::{u.Include};"
            : string.Equals(u.Static, "true", StringComparison.OrdinalIgnoreCase)
                ? $"global using static global::{u.Include};"
                : $"global using global::{u.Include};");
}
