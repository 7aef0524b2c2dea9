using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualWrite.Generator.Tests.Diagnostics;

/// <summary>
/// Every diagnostic links to its page with an absolute URL (the IDE and the command line show it beside the
/// message, which never carries it), under a base the MSBuild property DualWriteHelpLinkBase can move.
/// </summary>
public sealed class HelpLinkTests
{
    private const string Markup = "namespace Tests\n" + MapTest.SchemaHeader + """
        valuemap Terms {
          "Net30" <-> 1
          "COD"   <-> 1
        }
        """;

    [Fact]
    public void Every_descriptor_links_to_its_page_in_the_repository_by_an_absolute_url()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Equal(DiagnosticDescriptors.DefaultHelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var uri) && uri.Scheme == "https", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", "diagnostics", descriptor.Id + ".md")), descriptor.Id);
        }
    }

    [Fact]
    public void Reported_diagnostics_link_to_the_default_base_and_carry_no_path_in_their_message()
    {
        var diagnostic = Run(new Dictionary<string, string>()).Single();

        Assert.Equal("DW0013", diagnostic.Id);
        Assert.Equal(DiagnosticDescriptors.DefaultHelpLinkBase + "DW0013.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.DoesNotContain("docs/diagnostics", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void The_MSBuild_property_moves_the_links()
    {
        var diagnostic = Run(new Dictionary<string, string> { ["build_property.DualWriteHelpLinkBase"] = "https://docs.example.com/dualwrite/diagnostics" }).Single();

        Assert.Equal("https://docs.example.com/dualwrite/diagnostics/DW0013.md", diagnostic.Descriptor.HelpLinkUri);
    }

    private static IReadOnlyList<Diagnostic> Run(Dictionary<string, string> options)
    {
        options["build_property.RootNamespace"] = "Tests";
        var texts = MapTest.SampleSchemas().Select(s => (AdditionalText)new InMemoryAdditionalText(MapTest.SchemasFolder + "/" + s.Key, s.Value))
            .Append(new InMemoryAdditionalText(MapTest.MapsFolder + "/map.dwmap", Markup))
            .ToList();
        var driver = CSharpGeneratorDriver.Create(new[] { new DualWriteGenerator().AsSourceGenerator() }, texts, GeneratorHarness.ParseOptions, new TestOptionsProvider(options))
            .RunGenerators(GeneratorHarness.CreateCompilation(Array.Empty<string>()));
        return driver.GetRunResult().Diagnostics;
    }
}
