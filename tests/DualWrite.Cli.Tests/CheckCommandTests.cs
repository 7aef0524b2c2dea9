using System.IO;
using System.Linq;
using System.Text.Json;

namespace DualWrite.Cli.Tests;

public sealed class CheckCommandTests
{
    internal const string BrokenMap = """
        namespace Broken

        schema fo        "../schemas/fo.metadata.xml"
        schema dataverse "../schemas/dataverse.metadata.xml"

        map Groups : fo CustomerGroups <-> dataverse msdyn_customergroupz {
          company striped
          key CustomerGroupId <-> msdyn_groupid
          CustomerGroupId <-> msdyn_groupid
        }
        """;

    private static readonly string BrokenMapPath = Path.Combine("maps", "broken.dwmap");

    private static readonly string ExpectedDw0002 =
        BrokenMapPath + "(6,46): error DW0002: The Dataverse schema has no entity set 'msdyn_customergroupz'. Did you mean 'msdyn_customergroups'?";

    [Fact]
    public void The_sample_has_no_diagnostics()
    {
        using var sample = TestFolder.CopyOfSample();

        var result = Cli.Run("check", sample.Path);

        Assert.Equal("0 error(s), 0 warning(s)\n", result.Output);
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_folder_holding_the_maps_of_two_projects_is_refused_with_the_projects_named()
    {
        using var folder = new TestFolder();
        foreach (var project in new[] { "First", "Second" })
        {
            folder.Write(Path.Combine(project, project + ".csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            folder.Write(Path.Combine(project, "maps", "groups.dwmap"), BrokenMap.Replace("msdyn_customergroupz", "msdyn_customergroups", System.StringComparison.Ordinal));
            foreach (var schema in new[] { "fo.metadata.xml", "dataverse.metadata.xml" })
            {
                folder.Write(Path.Combine(project, "schemas", schema), File.ReadAllText(Path.Combine(RepoPaths.Sample, "schemas", schema)));
            }
        }

        var together = Cli.Run("check", folder.Path);
        var first = Cli.Run("check", Path.Combine(folder.Path, "First"));

        Assert.Equal(2, together.ExitCode);
        Assert.Contains("holds the maps of 2 projects (First, Second)", together.Error);
        Assert.Equal(string.Empty, together.Output);
        Assert.Equal((0, "0 error(s), 0 warning(s)\n"), (first.ExitCode, first.Output));
    }

    [Fact]
    public void A_broken_map_is_reported_in_MSBuild_format_with_its_path_line_and_column()
    {
        using var folder = BrokenFolder();

        var result = Cli.Run("check", folder.Path);

        Assert.Equal(ExpectedDw0002 + "\n1 error(s), 0 warning(s)\n", result.Output);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Json_output_is_an_array_of_the_same_diagnostics()
    {
        using var folder = BrokenFolder();

        var result = Cli.Run("check", folder.Path, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var diagnostic = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(
            ["id", "severity", "path", "line", "column", "endLine", "endColumn", "message"],
            diagnostic.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("DW0002", diagnostic.GetProperty("id").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(BrokenMapPath, diagnostic.GetProperty("path").GetString());
        Assert.Equal(6, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(46, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal(6, diagnostic.GetProperty("endLine").GetInt32());
        Assert.Equal(46 + "msdyn_customergroupz".Length, diagnostic.GetProperty("endColumn").GetInt32());
        Assert.Equal(ExpectedDw0002, $"{BrokenMapPath}(6,46): error DW0002: {diagnostic.GetProperty("message").GetString()}");
    }

    [Fact]
    public void A_missing_folder_is_a_usage_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "dualwrite-cli-missing-folder");

        var result = Cli.Run("check", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Theory]
    [InlineData]
    [InlineData("check")]
    [InlineData("check", ".", "--format", "xml")]
    [InlineData("check", ".", "--no-such-option")]
    public void A_wrong_command_line_is_a_usage_error(params string[] args) => Assert.Equal(2, Cli.Run(args).ExitCode);

    [Fact]
    public void Via_methods_resolve_against_the_folders_CSharp_sources()
    {
        using var sample = TestFolder.CopyOfSample();
        Assert.Contains("via Contoso.Integration.Text.TitleCase", File.ReadAllText(Path.Combine(sample.Path, "maps", "customers.dwmap")));
        Assert.Equal(0, Cli.Run("check", sample.Path).ExitCode);

        sample.Delete("Text.cs");
        var result = Cli.Run("check", sample.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(": error DW0021: There is no type 'Contoso.Integration.Text' in the compilation for 'via Contoso.Integration.Text.TitleCase'", result.Output);
    }

    [Fact]
    public void Build_output_folders_are_not_inputs()
    {
        using var sample = TestFolder.CopyOfSample();
        sample.Write(Path.Combine("obj", "stale.dwmap"), "map ???");
        sample.Write(Path.Combine("bin", "Debug", "Stale.cs"), "namespace Contoso.Integration; public static class Text { }");

        var result = Cli.Run("check", sample.Path);

        Assert.Equal("0 error(s), 0 warning(s)\n", result.Output);
    }

    [Fact]
    public void Warnings_alone_do_not_fail_the_check()
    {
        using var sample = TestFolder.CopyOfSample();
        var customers = Path.Combine("maps", "customers.dwmap");
        sample.Write(customers, File.ReadAllText(Path.Combine(sample.Path, customers)).Replace("(CustomerGroupId != \"\")", "(CustomerGroupId = \"10\")"));

        var result = Cli.Run("check", sample.Path);

        Assert.Contains(": warning DW0024: ", result.Output);
        Assert.EndsWith("0 error(s), 1 warning(s)\n", result.Output);
        Assert.Equal(0, result.ExitCode);
    }

    internal static TestFolder BrokenFolder()
    {
        var folder = new TestFolder();
        CopySchemas(folder);
        folder.Write(BrokenMapPath, BrokenMap);
        return folder;
    }

    internal static void CopySchemas(TestFolder folder)
    {
        foreach (var schema in new[] { "fo.metadata.xml", "dataverse.metadata.xml" })
        {
            folder.Write(Path.Combine("schemas", schema), File.ReadAllText(Path.Combine(RepoPaths.Sample, "schemas", schema)));
        }
    }
}
