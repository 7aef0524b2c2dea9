using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace DualWrite.Cli.Tests;

/// <summary>The built tool as a user runs it: its own process, its own dependencies next to it.</summary>
public sealed class ExecutableTests
{
    private static readonly string Configuration =
        typeof(ExecutableTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string ToolPath => Path.Combine(RepoPaths.Root, "runtime", "DualWrite.Cli", "bin", Configuration, "net10.0", "dualwrite.dll");

    [Fact]
    public void The_built_tool_checks_a_folder()
    {
        using var sample = TestFolder.CopyOfSample();
        using var broken = CheckCommandTests.BrokenFolder();

        var good = Execute("check", sample.Path);
        var bad = Execute("check", broken.Path);

        Assert.Equal((0, "0 error(s), 0 warning(s)"), (good.ExitCode, good.Output.Trim()));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(": error DW0002: The Dataverse schema has no entity set 'msdyn_customergroupz'.", bad.Output);
    }

    [Fact]
    public void The_built_tool_loads_the_maps_the_generator_built_for_the_sample()
    {
        var maps = Path.Combine(RepoPaths.Sample, "bin", Configuration, "net10.0", "Contoso.Integration.dll");
        Assert.True(File.Exists(maps), "Build the solution first: " + maps);

        var plan = Execute("initial-sync", "plan", "--maps", maps);

        Assert.Equal(0, plan.ExitCode);
        Assert.StartsWith("Initial-sync plan: 7 step(s) for 7 map(s).", plan.Output);
        Assert.Matches(@"\n4\s+Customers\s+all\s+CustomerGroups\n", plan.Output.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    private static CliResult Execute(params string[] args)
    {
        Assert.True(File.Exists(ToolPath), "Build the solution first: " + ToolPath);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output, error.Result);
    }
}
