using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using DualWrite.Cli.Commands.Check;
using DualWrite.Cli.Commands.Import.Conversion;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Generator.Syntax;

namespace DualWrite.Cli.Commands.Import;

/// <summary>
/// <c>dualwrite export &lt;folder&gt; --out &lt;folder&gt;</c>: the maps of a folder, once they compile without error
/// (the same check as <c>dualwrite check</c>), as dual-write map JSON, one file per map. Exit code 1 when the maps
/// have errors or something of a map cannot be expressed in dual-write's JSON.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "The project folder: its .dwmap files and $metadata schemas." };
        var output = new Option<string>("--out") { Description = "The folder to write one <map>.json per map into.", Required = true };
        var command = new Command("export", "Write compiled .dwmap maps as dual-write's own map JSON.") { folder, output };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(folder)!,
            parseResult.GetValue(output)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string folder, string outputFolder, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"dualwrite export: folder '{folder}' does not exist.");
            return ExitCodes.UsageError;
        }

        var diagnostics = CheckCommand.Check(folder);
        if (diagnostics.Any(d => d.IsError))
        {
            DiagnosticPrinter.Print(diagnostics, OutputFormat.Text, error);
            error.WriteLine("dualwrite export: the maps have errors; nothing was exported.");
            return ExitCodes.Failed;
        }

        var mapFolder = MapFolder.Scan(folder);
        var files = mapFolder.Maps.Select(path => DwmapParser.Parse(path, File.ReadAllText(path))).ToList();
        var maps = MapExporter.Export(files, HeadlessCompiler.BoundMaps(mapFolder, CheckCommand.SettingsFor(mapFolder.Root, null)));
        Directory.CreateDirectory(outputFolder);
        foreach (var map in maps)
        {
            File.WriteAllText(Path.Combine(outputFolder, map.Name + ".json"), MapDocument.Write(map.Project));
            output.WriteLine($"{map.Name}.json");
            foreach (var note in map.Notes)
            {
                output.WriteLine("  note: " + note);
            }

            foreach (var lost in map.Lost)
            {
                output.WriteLine("  lost: " + lost);
            }
        }

        var lossy = maps.Count(m => m.Lost.Count > 0);
        output.WriteLine($"{maps.Count} map(s) written to {outputFolder}; {lossy} lose something dual-write cannot express.");
        return lossy > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }
}
