using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;

namespace DualWrite.Cli.Tests.Import;

/// <summary><c>dualwrite import --url</c> against the local Dataverse-like service holding dual-write's map rows.</summary>
public sealed class LiveImportTests
{
    private const string TokenVariable = "DUALWRITE_IMPORT_TEST_TOKEN";

    [Fact]
    public async Task The_latest_version_of_each_map_is_read_over_every_page()
    {
        await using var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions
        {
            SchemaPath = Path.Combine(RepoPaths.Root, "tests", "DualWrite.Cli.Tests", "TestData", "dualwrite", "dualwriteentitymaps.metadata.xml"),
            AccessToken = "live-import-token",
            DefaultPageSize = 2,
        });
        await Insert(dataverse, "Customer groups", "1.0.0.9", "OLDFIELD");
        await Insert(dataverse, "Vendor groups", "1.0.0.1", "VENDGROUP");
        await Insert(dataverse, "Customer groups", "1.0.0.10", "CUSTGROUP");
        Environment.SetEnvironmentVariable(TokenVariable, "live-import-token");
        using var output = new TestFolder();

        var result = Cli.Run("import", "--url", dataverse.ServiceRoot.AbsoluteUri, "--token-env", TokenVariable, "--out", output.Path);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(["CustomerGroups.dwmap", "VendorGroups.dwmap"], Directory.GetFiles(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("  CUSTGROUP <-> msdyn_groupid\n", File.ReadAllText(Path.Combine(output.Path, "CustomerGroups.dwmap")), StringComparison.Ordinal);
        Assert.DoesNotContain("live-import-token", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_reported_without_the_token()
    {
        await using var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions
        {
            SchemaPath = Path.Combine(RepoPaths.Root, "tests", "DualWrite.Cli.Tests", "TestData", "dualwrite", "dualwriteentitymaps.metadata.xml"),
            AccessToken = "right-token",
        });
        Environment.SetEnvironmentVariable(TokenVariable + "_WRONG", "wrong-token");
        using var output = new TestFolder();

        var result = Cli.Run("import", "--url", dataverse.ServiceRoot.AbsoluteUri, "--token-env", TokenVariable + "_WRONG", "--out", output.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("unpacked")]
    public void A_Dataverse_solution_is_refused_with_the_reason(string form)
    {
        using var input = new TestFolder();
        using var output = new TestFolder();
        string path;
        if (form == "zip")
        {
            path = Path.Combine(input.Path, "DualWriteMaps_1_0_0_0.zip");
            File.WriteAllBytes(path, [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        }
        else
        {
            path = input.Path;
            File.WriteAllText(Path.Combine(path, "solution.xml"), "<ImportExportXml />");
            File.WriteAllText(Path.Combine(path, "customizations.xml"), "<ImportExportXml />");
            File.WriteAllText(Path.Combine(path, "settings.json"), "{}");
        }

        var result = Cli.Run("import", path, "--out", output.Path);

        Assert.True(result.ExitCode == 2, result.Output + result.Error);
        Assert.Contains("is a Dataverse solution, which import does not read", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output.Path));
    }

    private static Task<ServiceRow> Insert(LocalODataService dataverse, string name, string version, string foField) =>
        dataverse.InsertAsync("msdyn_dualwriteentitymaps", new Dictionary<string, object?>
        {
            ["msdyn_name"] = name,
            ["msdyn_version"] = version,
            ["msdyn_mapping"] = $$"""
                { "entityMappingTasks": [ { "name": "{{name}}", "legs": [ { "sourceSchema": "CustomerGroups", "destinationSchema": "msdyn_customergroups",
                  "fieldMappings": [ { "syncDirection": 3, "sourceField": "{{foField}}", "destinationField": "msdyn_groupid" } ] } ] } ] }
                """,
        });
}
