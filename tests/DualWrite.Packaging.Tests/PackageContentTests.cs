using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using DualWrite.Packaging.Tests.Infrastructure;

namespace DualWrite.Packaging.Tests;

/// <summary>What each package holds and says about itself: one per part a user deploys, the same version and metadata.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageContentTests(PackedFeed feed)
{
    private static readonly string[] Packages =
    [
        "DualWrite.Abstractions", "DualWrite.Cli", "DualWrite.Compiler", "DualWrite.Runtime", "DualWrite.Runtime.Embedded",
        "DualWrite.Runtime.Hosting", "DualWrite.Runtime.OData", "DualWrite.Runtime.Postgres", "DualWrite.Runtime.Web",
        "DualWrite.Templates",
    ];

    [Fact]
    public void Every_part_a_user_deploys_is_packed_with_the_same_version_and_metadata()
    {
        Assert.Equal(Packages, feed.PackageIds());
        foreach (var id in Packages)
        {
            var (metadata, entries) = Read(id);
            Assert.Equal(feed.Version, Value(metadata, "version"));
            Assert.Equal("MIT", Value(metadata, "license"));
            Assert.Equal("README.md", Value(metadata, "readme"));
            Assert.Contains("README.md", entries);
            Assert.Equal("git", metadata.Element(metadata.Name.Namespace + "repository")?.Attribute("type")?.Value);
            Assert.Contains("dual-write", Value(metadata, "tags"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")), id);
        }

        // Symbols beside every package that has assemblies of its own in lib/ or tools/.
        foreach (var id in new[] { "DualWrite.Abstractions", "DualWrite.Cli", "DualWrite.Runtime", "DualWrite.Runtime.Embedded", "DualWrite.Runtime.Hosting", "DualWrite.Runtime.OData", "DualWrite.Runtime.Postgres", "DualWrite.Runtime.Web" })
        {
            Assert.True(File.Exists(Path.ChangeExtension(feed.Package(id), ".snupkg")), id + " has no symbol package");
        }
    }

    [Fact]
    public void The_compiler_carries_the_generator_analyzers_code_fixes_and_Sprache_and_brings_the_abstractions()
    {
        var (metadata, entries) = Read("DualWrite.Compiler");
        Assert.Contains("analyzers/dotnet/cs/DualWrite.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Sprache.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/DualWrite.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/DualWrite.CodeFixes.dll", entries);
        Assert.Contains("build/DualWrite.Compiler.props", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.Equal(["DualWrite.Abstractions"], Dependencies(metadata));
    }

    [Fact]
    public void The_runtime_packages_depend_on_each_other_and_on_the_abstractions_not_on_the_repository()
    {
        Assert.Contains("lib/net10.0/DualWrite.Abstractions.dll", Read("DualWrite.Abstractions").Entries.Select(e => e.Replace("netstandard2.0", "net10.0", StringComparison.Ordinal)));
        Assert.Contains("DualWrite.Abstractions", Dependencies(Read("DualWrite.Runtime").Metadata));
        Assert.Contains("DualWrite.Runtime", Dependencies(Read("DualWrite.Runtime.OData").Metadata));
        Assert.Contains("DualWrite.Runtime", Dependencies(Read("DualWrite.Runtime.Postgres").Metadata));
        Assert.Contains("DualWrite.Runtime.Postgres", Dependencies(Read("DualWrite.Runtime.Hosting").Metadata));
        Assert.Contains("DualWrite.Runtime.Hosting", Dependencies(Read("DualWrite.Runtime.Web").Metadata));
        Assert.Contains("DualWrite.Runtime", Dependencies(Read("DualWrite.Runtime.Embedded").Metadata));
        Assert.Contains("DualWrite.Runtime.Embedded", Dependencies(Read("DualWrite.Runtime.Hosting").Metadata));
        Assert.DoesNotContain("DualWrite.Runtime.Embedded", Dependencies(Read("DualWrite.Runtime").Metadata));
        foreach (var id in Packages)
        {
            var unknown = Dependencies(Read(id).Metadata).Where(d => d.StartsWith("DualWrite.", StringComparison.Ordinal) && !Packages.Contains(d)).ToList();
            Assert.True(unknown.Count == 0, $"{id} depends on packages that are not packed: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void The_cli_is_a_dotnet_tool_named_dualwrite_and_the_templates_hold_both_templates()
    {
        var (cli, tool) = Read("DualWrite.Cli");
        Assert.Contains("DotnetTool", cli.Descendants(cli.Name.Namespace + "packageType").Select(t => t.Attribute("name")?.Value));
        using (var archive = ZipFile.OpenRead(feed.Package("DualWrite.Cli")))
        {
            var settings = archive.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            using var stream = settings.Open();
            Assert.Equal("dualwrite", XDocument.Load(stream).Descendants("Command").Single().Attribute("Name")?.Value);
        }

        Assert.Contains(tool, e => e.EndsWith("/DualWrite.Generator.dll", StringComparison.Ordinal));

        var (templates, content) = Read("DualWrite.Templates");
        Assert.Contains("Template", templates.Descendants(templates.Name.Namespace + "packageType").Select(t => t.Attribute("name")?.Value));
        Assert.Contains("content/dualwrite-maps/.template.config/template.json", content);
        Assert.Contains("content/dualwrite-host/.template.config/template.json", content);
        Assert.Contains("content/dualwrite-maps/maps/customers.dwmap", content);
        Assert.Contains("content/dualwrite-host/appsettings.json", content);
    }

    private (XElement Metadata, string[] Entries) Read(string id)
    {
        using var archive = ZipFile.OpenRead(feed.Package(id));
        var entries = archive.Entries.Select(e => e.FullName).ToArray();
        using var nuspec = archive.GetEntry(id + ".nuspec")!.Open();
        var document = XDocument.Load(nuspec);
        return (document.Root!.Elements().Single(e => e.Name.LocalName == "metadata"), entries);
    }

    private static string Value(XElement metadata, string name) => metadata.Element(metadata.Name.Namespace + name)?.Value ?? string.Empty;

    private static string[] Dependencies(XElement metadata) =>
        metadata.Descendants(metadata.Name.Namespace + "dependency").Select(d => d.Attribute("id")!.Value).Distinct().ToArray();
}
