using System;
using System.Collections.Generic;

namespace DualWrite.Packaging.Tests.Infrastructure;

/// <summary>Runs a command to its end and returns what it wrote.</summary>
internal static class Command
{
    public static string Run(string directory, string file, string arguments, bool expectSuccess = true, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = ChildProcess.Start(directory, file, arguments, environment);
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException($"{file} {arguments} did not finish in 5 minutes:\n{process.Output}");
        }

        Assert.True((process.ExitCode == 0) == expectSuccess, $"{file} {arguments} (in {directory}) exited with {process.ExitCode}:\n{process.Output}");
        return process.Output;
    }
}
