using System;
using System.IO;
using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Attributes;

/// <summary>Both front ends mean the same: one set of maps written both ways generates the same code.</summary>
public sealed class AttributeFormTests
{
    private static string ContosoMaps => File.ReadAllText(Path.Combine(RepoPaths.TestProject, "TestData", "attributes", "ContosoMaps.cs"));

    [Fact]
    public void The_sample_written_with_attributes_generates_the_same_code_as_its_dwmap_files()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var dwmapSources = sources.Where(s => !s.Contains("[DualWriteMap(", StringComparison.Ordinal)).ToList();
        var dwmap = GeneratorHarness.Run(texts.Select(WithVendorGroupsInDwmap).ToList(), dwmapSources, "Contoso.Integration");
        var attributes = GeneratorHarness.Run(SchemasUnderProject(), dwmapSources.Append(ContosoMaps), "Contoso.Integration");

        Assert.Empty(dwmap.Result.Diagnostics);
        Assert.Empty(attributes.Result.Diagnostics);
        Assert.Empty(attributes.CompilationDiagnostics);
        var expected = dwmap.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        var actual = attributes.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(s => s.HintName), actual.Select(s => s.HintName));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.True(e.Text == a.Text, $"{a.HintName} differs:\n--- .dwmap\n{e.Text}\n--- attributes\n{a.Text}");
        }
    }

    [Fact]
    public void Attribute_maps_and_dwmap_maps_refer_to_each_other()
    {
        AttributeTest.Verify(AttributeTest.Header + """
            namespace Contoso.Integration;

            [DualWriteMap("CustomersV3", "->", "accounts")]
            [Company(CompanyScope.Striped)]
            [Key("CustomerAccount", "accountnumber")]
            [After("CustomerGroups")]
            [Field("CustomerAccount", "->", "accountnumber")]
            [Field("CustomerGroupId", "->", "msdyn_customergroupid.msdyn_groupid")]
            [Field("PaymentTerms", "->", "msdyn_paymentterms", Via = "PaymentTermsCodes")]
            public static partial class CustomersMap
            {
            }
            """,
            dwmapFiles: new System.Collections.Generic.Dictionary<string, string>
            {
                ["groups.dwmap"] = """
                    namespace Contoso.Integration
                    map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
                      CustomerGroupId <-> msdyn_groupid
                    }
                    valuemap PaymentTermsCodes {
                      "Net30" -> 1
                      else    -> 2
                    }
                    """,
            });
    }

    [Fact]
    public void The_map_class_holds_the_generated_members()
    {
        var run = AttributeTest.Verify(AttributeTest.Header + """
            namespace Contoso.Integration;

            [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
            [Field("CustomerGroupId", "<->", "msdyn_groupid")]
            [Field("Description", "<->", "msdyn_description")]
            public static partial class CustomerGroupsMap
            {
                public static string Describe() => Name + ": " + FoEntitySet + " <-> " + DataverseEntitySet;
            }
            """);
        var map = run.Output.GetTypeByMetadataName("Contoso.Integration.CustomerGroupsMap")!;
        Assert.Contains(map.GetMembers(), m => m.Name == "ToDataverse");
        Assert.Contains(map.GetMembers(), m => m.Name == "Describe");
    }

    // The sample maps vendor groups with attributes; its all-.dwmap form has them in vendors.dwmap.
    private static AdditionalText WithVendorGroupsInDwmap(AdditionalText text) => !text.Path.EndsWith("vendors.dwmap", StringComparison.Ordinal)
        ? text
        : new InMemoryAdditionalText(text.Path, text.GetText()!.ToString().Replace("namespace Contoso.Integration\n", """
            namespace Contoso.Integration

            map VendorGroups : fo VendorGroups <-> dataverse msdyn_vendorgroups {
              company striped
              key VendorGroupId <-> msdyn_vendorgroup
              VendorGroupId <-> msdyn_vendorgroup
              Description   <-> msdyn_description
            }

            """, StringComparison.Ordinal));

    // The same schema text as the .dwmap run reads, where the attribute form's project-relative paths find it.
    private static System.Collections.Generic.List<AdditionalText> SchemasUnderProject() => MapTest.SampleSchemas()
        .Select(s => (AdditionalText)new InMemoryAdditionalText(GeneratorHarness.ProjectDirectory + "schemas/" + s.Key, s.Value))
        .ToList();
}
