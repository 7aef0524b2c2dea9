using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// Where <c>DualWriteMaps</c> goes (DSL.md §6): the maps' namespace when they share one, else the project's root
/// namespace, else the generator's default; and a map name declared twice is listed once.
/// </summary>
public sealed class DualWriteMapsPlacementTests
{
    private const string VendorGroups = """
        map VendorGroups : fo VendorGroups <-> dataverse msdyn_vendorgroups {
          key VendorGroupId <-> msdyn_vendorgroup
          VendorGroupId <-> msdyn_vendorgroup
        }

        """;

    private static GeneratorRun Run(string? rootNamespace, params string[] files)
    {
        var texts = files.Select((text, i) => (AdditionalText)new InMemoryAdditionalText($"{MapTest.MapsFolder}/{i}.dwmap", text))
            .Concat(MapTest.SampleSchemas().Select(s => (AdditionalText)new InMemoryAdditionalText($"{MapTest.SchemasFolder}/{s.Key}", s.Value)))
            .ToList();
        return GeneratorHarness.Run(texts, rootNamespace: rootNamespace);
    }

    private static IEnumerable<string> DualWriteMapsClasses(GeneratorRun run) => run.Output.SyntaxTrees
        .SelectMany(t => t.GetRoot().DescendantNodes())
        .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
        .Where(c => c.Identifier.Text == "DualWriteMaps")
        .Select(c => run.Output.GetSemanticModel(c.SyntaxTree).GetDeclaredSymbol(c)!.ToDisplayString());

    [Fact]
    public void Maps_sharing_a_namespace_get_it_rather_than_the_root_namespace()
    {
        var run = Run("Tests", "namespace Sales\n" + MapTest.SchemaHeader + CatalogTests.Groups, "namespace Sales\n" + VendorGroups);
        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(new[] { "Sales.DualWriteMaps" }, DualWriteMapsClasses(run));
    }

    [Fact]
    public void Maps_in_two_namespaces_get_the_root_namespace()
    {
        var run = Run("Tests", "namespace Sales\n" + MapTest.SchemaHeader + CatalogTests.Groups, "namespace Purchasing\n" + VendorGroups);
        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(new[] { "Tests.DualWriteMaps" }, DualWriteMapsClasses(run));
    }

    [Fact]
    public void Maps_in_two_namespaces_of_a_project_without_root_namespace_get_the_default_one()
    {
        var run = Run(null, "namespace Sales\n" + MapTest.SchemaHeader + CatalogTests.Groups, "namespace Purchasing\n" + VendorGroups);
        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(new[] { "DualWrite.Generated.DualWriteMaps" }, DualWriteMapsClasses(run));
    }

    [Fact]
    public void A_map_name_declared_twice_is_reported_and_the_maps_are_still_listed()
    {
        var run = MapTest.Verify(new Dictionary<string, string>
        {
            ["a.dwmap"] = "namespace Tests\n" + MapTest.SchemaHeader + CatalogTests.Groups,
            ["b.dwmap"] = "namespace Tests\n" + CatalogTests.Groups.Replace("map CustomerGroups", "map {|DW0017:CustomerGroups|}") + VendorGroups,
        });
        Assert.Equal(new[] { "Tests.DualWriteMaps" }, DualWriteMapsClasses(run));
    }
}
