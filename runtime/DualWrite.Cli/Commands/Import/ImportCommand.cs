using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using DualWrite.Cli.Commands.Import.Conversion;
using DualWrite.Cli.Commands.Import.DualWriteJson;

namespace DualWrite.Cli.Commands.Import;

/// <summary>
/// <c>dualwrite import &lt;file-or-folder&gt; --out &lt;folder&gt;</c>: dual-write's map JSON (a project, an
/// <c>msdyn_dualwriteentitymap</c> row, or a Web API list of rows) into one .dwmap per map, with a report of every
/// decision. Exit code 0 when nothing needs a person, 1 when something does, 2 for bad input.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A map JSON file, or a folder whose *.json files are read." };
        var output = new Option<string>("--out") { Description = "The folder of the maps project to write the .dwmap files into.", Required = true };
        var @namespace = new Option<string?>("--namespace") { Description = "The namespace the maps declare (default: none, so the project's RootNamespace)." };
        var foSchema = new Option<string?>("--fo-schema") { Description = "The F&O $metadata: enum fields' values are then written EnumType::Member." };
        var command = new Command("import", "Convert dual-write's own map JSON into .dwmap files, writing down every decision.")
        {
            input, output, @namespace, foSchema,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(input)!,
            parseResult.GetValue(output)!,
            parseResult.GetValue(@namespace),
            parseResult.GetValue(foSchema),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string input, string outputFolder, string? @namespace, string? foSchemaPath, TextWriter output, TextWriter error)
    {
        FoSchema foSchema;
        try
        {
            foSchema = foSchemaPath is null ? FoSchema.None : FoSchema.Read(foSchemaPath, File.ReadAllText(foSchemaPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            error.WriteLine($"dualwrite import: --fo-schema '{foSchemaPath}': {exception.Message}");
            return ExitCodes.UsageError;
        }

        var files = Directory.Exists(input)
            ? Directory.EnumerateFiles(input, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : File.Exists(input) ? [input] : null;
        if (files is null || files.Count == 0)
        {
            error.WriteLine($"dualwrite import: '{input}' is neither a JSON file nor a folder holding one.");
            return ExitCodes.UsageError;
        }

        var projects = new List<MapProject>();
        foreach (var file in files)
        {
            try
            {
                projects.AddRange(MapDocument.Read(File.ReadAllText(file)));
            }
            catch (JsonException exception)
            {
                error.WriteLine($"dualwrite import: {file}: {exception.Message}");
                return ExitCodes.UsageError;
            }
        }

        var maps = new MapImporter(foSchema).Import(projects, @namespace);
        Directory.CreateDirectory(outputFolder);
        foreach (var map in maps)
        {
            File.WriteAllText(Path.Combine(outputFolder, map.FileName), map.Text);
            output.WriteLine($"{map.FileName}: from '{map.SourceName}', {map.Decisions.Count} decision(s)");
            foreach (var decision in map.Decisions)
            {
                output.WriteLine("  " + decision);
            }
        }

        var needsHuman = maps.Count(m => m.NeedsHuman);
        output.WriteLine($"{maps.Count} map(s) written to {outputFolder}; {needsHuman} need(s) review.");
        return needsHuman > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }
}
