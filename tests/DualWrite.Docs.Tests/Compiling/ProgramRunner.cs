using System;
using System.Diagnostics;
using System.IO;
using Microsoft.CodeAnalysis;

namespace DualWrite.Docs.Tests.Compiling;

/// <summary>
/// Runs a snippet that is a complete program in a process of its own, in a fresh folder that holds the sample's schemas
/// under <c>schemas/</c> (as a project following the quick start does). The program is emitted next to the test assembly
/// and started with the test's dependency and runtime files, so it resolves the same repository assemblies and packages.
/// </summary>
public static class ProgramRunner
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static (int ExitCode, string Output) Run(Compilation compilation)
    {
        var name = compilation.AssemblyName!;
        var assembly = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-docs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var emitted = compilation.Emit(assembly);
            if (!emitted.Success)
            {
                return (-1, "emit failed:\n" + string.Join("\n", emitted.Diagnostics));
            }

            Directory.CreateDirectory(Path.Combine(folder, "schemas"));
            foreach (var schema in Directory.GetFiles(SnippetCompiler.SchemasFolder, "*.xml"))
            {
                File.Copy(schema, Path.Combine(folder, "schemas", Path.GetFileName(schema)));
            }

            return Start(assembly, folder);
        }
        finally
        {
            File.Delete(assembly);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static (int ExitCode, string Output) Start(string assembly, string folder)
    {
        var test = Path.Combine(AppContext.BaseDirectory, typeof(ProgramRunner).Assembly.GetName().Name!);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "exec", "--depsfile", test + ".deps.json", "--runtimeconfig", test + ".runtimeconfig.json", assembly })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"did not end within {Limit.TotalSeconds} s (mark a program that runs until stopped 'no-run'):\n{output.Result}{error.Result}");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
