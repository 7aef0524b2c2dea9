using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace DualWrite.Cli.Commands.Check;

/// <summary><c>dualwrite check &lt;folder&gt;</c>: the generator's diagnostics for a folder of maps, without a build.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder")
        {
            Description = "The project folder: its .dwmap files, $metadata schemas and C# sources (bin/ and obj/ are skipped).",
        };
        var rootNamespace = new Option<string?>("--root-namespace")
        {
            Description = "Namespace of maps whose file declares none (default: the nearest .csproj's RootNamespace or name, else "
                + ProjectSettings.DefaultRootNamespace + ").",
        };
        var format = new Option<string>("--format")
        {
            Description = "How to print the diagnostics.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("check", "Check .dwmap maps against their schemas without a build, with the same diagnostics as the build.")
        {
            folder,
            rootNamespace,
            format,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(folder)!,
            parseResult.GetValue(rootNamespace),
            parseResult.GetValue(format) == "json" ? OutputFormat.Json : OutputFormat.Text,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string folder, string? rootNamespace, OutputFormat format, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"dualwrite check: folder '{folder}' does not exist.");
            return ExitCodes.UsageError;
        }

        var projects = MapProjects.Of(MapFolder.Scan(folder));
        if (projects.Count > 1)
        {
            error.WriteLine($"dualwrite check: '{folder}' holds the maps of {projects.Count} projects ({string.Join(", ", projects)}); each project compiles its maps apart, so check each project's folder on its own: dualwrite check {Path.Combine(folder, projects[0])}");
            return ExitCodes.UsageError;
        }

        var diagnostics = Check(folder, rootNamespace);
        DiagnosticPrinter.Print(diagnostics, format, output);
        return diagnostics.Any(d => d.IsError) ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>The diagnostics in file and position order, as a reader goes through them.</summary>
    public static IReadOnlyList<CheckDiagnostic> Check(string folder, string? rootNamespace = null)
    {
        var maps = MapFolder.Scan(folder);
        return HeadlessCompiler.Run(maps, SettingsFor(maps.Root, rootNamespace)).Diagnostics
            .Select(d => CheckDiagnostic.From(d, maps.Root))
            .Where(d => d.Severity != "hidden")
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    internal static ProjectSettings SettingsFor(string folder, string? rootNamespace)
    {
        var settings = ProjectSettings.Find(folder);
        return string.IsNullOrWhiteSpace(rootNamespace) ? settings : settings with { RootNamespace = rootNamespace };
    }
}
