using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Cli.Commands.Import.DualWriteJson;

namespace DualWrite.Cli.Tests.Import;

/// <summary>
/// Export writes the integration key the compiler resolved, written or inferred: a company-striped map's key holds the
/// company on both sides (F&amp;O's dataAreaId, Dataverse's msdyn_company.cdm_companycode), and import turns a key holding
/// the company back into <c>company striped</c>. Over the Contoso sample's schemas.
/// </summary>
public sealed class CompanyAndKeyRoundTripTests
{
    /// <summary>Neither map writes its company scope or its key: the compiler infers both from the schemas.</summary>
    private const string InferredMaps = """
        map Groups : fo CustomerGroups <-> dataverse msdyn_customergroups {
          CustomerGroupId <-> msdyn_groupid
          Description     <-> msdyn_description
        }

        map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
          ProductNumber -> msdyn_productnumber
          ProductName   -> msdyn_productname
        }

        """;

    /// <summary>
    /// As dual-write keeps them: a striped map whose integration key holds the company (and a row mapping the company,
    /// which dual-write's guidance leaves out), and a map whose project names no key.
    /// </summary>
    private const string DualWriteMaps = """
        { "entityMappingTasks": [ { "name": "Groups", "legs": [ { "sourceSchema": "CustomerGroups", "destinationSchema": "msdyn_customergroups",
            "fieldMappings": [
              { "syncDirection": 3, "sourceField": "CUSTOMERGROUPID", "destinationField": "msdyn_groupid" },
              { "syncDirection": 3, "sourceField": "DESCRIPTION", "destinationField": "msdyn_description" },
              { "syncDirection": 3, "sourceField": "DATAAREAID", "destinationField": "msdyn_company.cdm_companycode" } ] } ] } ],
          "environments": [ { "name": "dataverse", "schemas": [ { "name": "msdyn_customergroups",
            "keys": [ { "fields": [ "msdyn_groupid", "msdyn_company.cdm_companycode" ], "isIntegrationKey": true } ] } ] } ] }
        """;

    private const string DualWriteMapWithoutKey = """
        { "entityMappingTasks": [ { "name": "Products", "legs": [ { "sourceSchema": "ProductsV2", "destinationSchema": "msdyn_globalproducts",
            "fieldMappings": [
              { "syncDirection": 1, "sourceField": "PRODUCTNUMBER", "destinationField": "msdyn_productnumber" },
              { "syncDirection": 1, "sourceField": "PRODUCTNAME", "destinationField": "msdyn_productname" } ] } ] } ] }
        """;

    [Fact]
    public void Export_writes_the_inferred_company_and_key_and_export_import_export_is_a_fixed_point()
    {
        using var project = new TestFolder();
        WriteSchemas(project);
        project.Write("maps.dwmap", InferredMaps);
        using var json = new TestFolder();
        using var imported = new TestFolder();
        using var jsonAgain = new TestFolder();

        var export = Cli.Run("export", project.Path, "--out", json.Path);
        var import = Cli.Run("import", json.Path, "--out", imported.Path);
        WriteSchemas(imported);
        var exportAgain = Cli.Run("export", imported.Path, "--out", jsonAgain.Path);

        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.True(exportAgain.ExitCode == 0, exportAgain.Output + exportAgain.Error);
        var groups = Read(json, "Groups");
        Assert.Equal(["dataAreaId", "CustomerGroupId"], Keys(groups, "fo"));
        Assert.Equal(["msdyn_groupid", "msdyn_company.cdm_companycode"], Keys(groups, "dataverse"));
        Assert.DoesNotContain(groups.EntityMappingTasks.Single().Legs.Single().FieldMappings, m => m.DestinationField!.StartsWith("msdyn_company", StringComparison.Ordinal));
        var products = Read(json, "Products");
        Assert.Equal(["ProductNumber"], Keys(products, "fo"));
        Assert.Equal(["msdyn_productnumber"], Keys(products, "dataverse"));
        Assert.Contains("{\n  company striped\n  key CustomerGroupId <-> msdyn_groupid\n\n", File.ReadAllText(Path.Combine(imported.Path, "Groups.dwmap")), StringComparison.Ordinal);
        Assert.Contains("{\n  key ProductNumber <-> msdyn_productnumber\n\n", File.ReadAllText(Path.Combine(imported.Path, "Products.dwmap")), StringComparison.Ordinal);
        foreach (var name in new[] { "Groups", "Products" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(json.Path, name + ".json")), File.ReadAllText(Path.Combine(jsonAgain.Path, name + ".json")));
        }
    }

    [Fact]
    public void Import_export_import_keeps_company_striping_and_adds_only_the_key_the_compiler_inferred()
    {
        using var input = new TestFolder();
        input.Write("groups.json", DualWriteMaps);
        input.Write("products.json", DualWriteMapWithoutKey);
        using var first = new TestFolder();
        using var json = new TestFolder();
        using var second = new TestFolder();

        var import = Cli.Run("import", input.Path, "--out", first.Path);
        WriteSchemas(first);
        var export = Cli.Run("export", first.Path, "--out", json.Path);
        var importAgain = Cli.Run("import", json.Path, "--out", second.Path);

        Assert.NotEqual(2, import.ExitCode);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.True(importAgain.ExitCode == 0, importAgain.Output + importAgain.Error);
        var groups = File.ReadAllText(Path.Combine(first.Path, "Groups.dwmap"));
        Assert.Contains("{\n  company striped\n  key CUSTOMERGROUPID <-> msdyn_groupid\n", groups, StringComparison.Ordinal);
        Assert.Equal(RoundTripTests.WithoutImportComments(groups), RoundTripTests.WithoutImportComments(File.ReadAllText(Path.Combine(second.Path, "Groups.dwmap"))));
        var products = File.ReadAllText(Path.Combine(first.Path, "Products.dwmap"));
        Assert.DoesNotContain("  key ", products, StringComparison.Ordinal);
        Assert.Equal(
            products.Replace("msdyn_globalproducts {\n", "msdyn_globalproducts {\n  key PRODUCTNUMBER <-> msdyn_productnumber\n", StringComparison.Ordinal),
            File.ReadAllText(Path.Combine(second.Path, "Products.dwmap")));
    }

    private static void WriteSchemas(TestFolder folder)
    {
        foreach (var side in new[] { "fo", "dataverse" })
        {
            var schema = Path.Combine("schemas", side + ".metadata.xml");
            folder.Write(schema, File.ReadAllText(Path.Combine(RepoPaths.Sample, schema)));
        }

        folder.Write("schemas.dwmap", "schema fo \"schemas/fo.metadata.xml\"\nschema dataverse \"schemas/dataverse.metadata.xml\"\n");
    }

    private static MapProject Read(TestFolder folder, string map) => MapDocument.Read(File.ReadAllText(Path.Combine(folder.Path, map + ".json"))).Single();

    private static IReadOnlyList<string> Keys(MapProject project, string environment) =>
        project.Environments.Single(e => e.Name == environment).Schemas.Single().Keys.Single(k => k.IsIntegrationKey).Fields;
}
