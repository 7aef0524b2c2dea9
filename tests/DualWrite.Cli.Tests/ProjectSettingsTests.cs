using System.IO;
using System.Linq;
using DualWrite.Cli.Commands.Check;

namespace DualWrite.Cli.Tests;

public sealed class ProjectSettingsTests
{
    [Fact]
    public void The_root_namespace_is_the_nearest_projects()
    {
        using var folder = new TestFolder();
        folder.Write("Fabrikam.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><RootNamespace>Fabrikam.Integration</RootNamespace></PropertyGroup></Project>");
        Directory.CreateDirectory(Path.Combine(folder.Path, "maps"));

        Assert.Equal("Fabrikam.Integration", ProjectSettings.Find(Path.Combine(folder.Path, "maps")).RootNamespace);
    }

    [Fact]
    public void Without_a_RootNamespace_property_it_is_the_project_name_as_in_MSBuild()
    {
        using var folder = new TestFolder();
        folder.Write("Fabrikam.Maps.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><RootNamespace>$(MSBuildProjectName)</RootNamespace></PropertyGroup></Project>");

        Assert.Equal("Fabrikam.Maps", ProjectSettings.Find(folder.Path).RootNamespace);
    }

    [Fact]
    public void Without_a_project_it_is_the_generators_default()
    {
        using var folder = new TestFolder();

        Assert.Equal("DualWrite.Generated", ProjectSettings.Find(folder.Path).RootNamespace);
    }

    [Fact]
    public void The_option_wins_over_the_project()
    {
        using var sample = TestFolder.CopyOfSample();

        Assert.Equal("Contoso.Integration", CheckCommand.SettingsFor(sample.Path, null).RootNamespace);
        Assert.Equal("Fabrikam.Maps", CheckCommand.SettingsFor(sample.Path, "Fabrikam.Maps").RootNamespace);
    }

    [Fact]
    public void Implicit_and_explicit_usings_become_global_usings()
    {
        using var folder = new TestFolder();
        folder.Write("Directory.Build.props", "<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>");
        folder.Write(Path.Combine("src", "Maps.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><Using Include=\"System.Globalization\" /><Using Include=\"System.Math\" Static=\"true\" /></ItemGroup></Project>");

        var usings = ProjectSettings.Find(Path.Combine(folder.Path, "src")).GlobalUsings;

        Assert.Contains("global using global::System;", usings);
        Assert.Contains("global using global::System.Globalization;", usings);
        Assert.Contains("global using static global::System.Math;", usings);
    }

    [Fact]
    public void Maps_without_a_namespace_are_generated_in_the_root_namespace()
    {
        using var folder = new TestFolder();
        CheckCommandTests.CopySchemas(folder);
        folder.Write(Path.Combine("maps", "groups.dwmap"), CheckCommandTests.BrokenMap.Replace("namespace Broken", string.Empty).Replace("msdyn_customergroupz", "msdyn_customergroups"));

        var run = HeadlessCompiler.Run(MapFolder.Scan(folder.Path), new ProjectSettings("Fabrikam.Maps", []));

        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.GeneratedSources, s => s.SourceText.ToString().Contains("namespace Fabrikam.Maps", System.StringComparison.Ordinal));
    }
}
