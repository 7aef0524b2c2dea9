using System;
using System.IO;
using System.Linq;

namespace DualWrite.Cli.Tests.Import;

/// <summary>
/// Import and export of every out-of-box map through the command line: import → export → import gives the same
/// .dwmap files (less the import's comments on its decisions, which record the first import), and export → import
/// → export the same JSON.
/// </summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Import_export_import_and_export_import_export_are_fixed_points()
    {
        using var first = new TestFolder();
        var imported = ImportCorpusTests.ImportCorpus(first);
        var foSchema = Path.Combine(first.Path, "schemas", "fo.metadata.xml");
        using var json = new TestFolder();
        using var second = new TestFolder();
        using var secondJson = new TestFolder();

        var export = Cli.Run("export", first.Path, "--out", json.Path);
        var import = Cli.Run("import", json.Path, "--out", second.Path, "--namespace", "OutOfBox", "--fo-schema", foSchema);
        foreach (var schema in new[] { "schemas.dwmap", Path.Combine("schemas", "fo.metadata.xml"), Path.Combine("schemas", "dataverse.metadata.xml") })
        {
            second.Write(schema, File.ReadAllText(Path.Combine(first.Path, schema)));
        }

        var exportAgain = Cli.Run("export", second.Path, "--out", secondJson.Path);

        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.NotEqual(2, import.ExitCode);
        Assert.True(exportAgain.ExitCode == 0, exportAgain.Output + exportAgain.Error);
        Assert.Equal(140, Directory.GetFiles(json.Path, "*.json").Length);
        foreach (var map in imported)
        {
            Assert.Equal(WithoutImportComments(map.Text), WithoutImportComments(File.ReadAllText(Path.Combine(second.Path, map.FileName))));
            Assert.Equal(File.ReadAllText(Path.Combine(json.Path, map.Name + ".json")), File.ReadAllText(Path.Combine(secondJson.Path, map.Name + ".json")));
        }
    }

    [Fact]
    public void Import_writes_one_map_per_task_and_says_in_its_exit_code_whether_a_human_is_needed()
    {
        using var input = new TestFolder();
        using var output = new TestFolder();
        input.Write("clean.json", """
            { "entityMappingTasks": [ { "name": "Groups", "legs": [ { "sourceSchema": "CustomerGroups", "destinationSchema": "msdyn_customergroups",
              "fieldMappings": [ { "syncDirection": 3, "sourceField": "CUSTOMERGROUPID", "destinationField": "msdyn_groupid" } ] } ] } ] }
            """);

        var clean = Cli.Run("import", input.Path, "--out", output.Path);
        input.Write("unclear.json", """
            { "entityMappingTasks": [ { "name": "Vendors", "legs": [ { "sourceSchema": "VendorsV2", "destinationSchema": "msdyn_vendors", "sourceFilter": "V*",
              "fieldMappings": [ { "syncDirection": "3", "sourceField": "VENDORACCOUNTNUMBER", "destinationField": "msdyn_vendoraccountnumber" } ] } ] } ] }
            """);
        var unclear = Cli.Run("import", input.Path, "--out", output.Path);

        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("Groups.dwmap: from 'Groups', 0 decision(s)", clean.Output, StringComparison.Ordinal);
        Assert.Equal(1, unclear.ExitCode);
        Assert.Contains("  needs review FilterNotImported: F&O filter left out", unclear.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output.Path, "Vendors.dwmap")));
        Assert.Equal(2, Cli.Run("import", Path.Combine(input.Path, "missing.json"), "--out", output.Path).ExitCode);
    }

    internal static string WithoutImportComments(string text) =>
        string.Join("\n", text.Split('\n').Where(line => !line.TrimStart().StartsWith("// import:", StringComparison.Ordinal)));
}
