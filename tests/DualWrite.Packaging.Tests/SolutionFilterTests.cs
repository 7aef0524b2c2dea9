using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DualWrite.Packaging.Tests.Infrastructure;

namespace DualWrite.Packaging.Tests;

/// <summary>
/// DualWrite.Packages.slnf packs what <c>dotnet pack DualWrite.Compiler.sln</c> packs, without building the tests: it
/// names exactly the solution's projects that do not say IsPackable false (Directory.Build.props leaves it at the
/// SDK's default, true).
/// </summary>
public sealed class SolutionFilterTests
{
    [Fact]
    public void The_packages_filter_names_exactly_the_packable_projects_of_the_solution()
    {
        var solution = File.ReadAllText(Path.Combine(Repository.Root, "DualWrite.Compiler.sln"));
        var packable = Regex.Matches(solution, "\"(?<path>[^\"]+\\.csproj)\"")
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(p => !File.ReadAllText(Path.Combine(Repository.Root, p)).Contains("<IsPackable>false</IsPackable>", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "DualWrite.Packages.slnf")));
        var listed = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => p.GetString()!.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(packable, listed);
    }
}
