using System.IO;

namespace DualWrite.Cli.Tests;

public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the tool in-process, through the same entry point and command-line parsing as the executable.</summary>
public static class Cli
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = Program.RunAsync(args, output, error).GetAwaiter().GetResult();
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
