using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Import.Conversion;
using DualWrite.Cli.Commands.Import.DualWriteJson;

namespace DualWrite.Cli.Commands.Import;

/// <summary>
/// <c>dualwrite import &lt;file-or-folder&gt; --out &lt;folder&gt;</c> (or <c>--url</c> of a Dataverse environment): dual-write's
/// map JSON (a project, an <c>msdyn_dualwriteentitymap</c> row, or a Web API list of rows) into one .dwmap per map,
/// with a report of every decision. Exit code 0 when nothing needs a person, 1 when something does, 2 for bad input.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("input") { Description = "A map JSON file, or a folder whose *.json files are read.", Arity = ArgumentArity.ZeroOrOne };
        var url = new Option<string?>("--url") { Description = "Instead of files: a Dataverse Web API root (https://org.crm.dynamics.com/api/data/v9.2/) whose msdyn_dualwriteentitymaps are read, the latest version of each." };
        var tokenEnv = new Option<string?>("--token-env") { Description = "With --url: the environment variable holding a bearer token." };
        var tenant = new Option<string?>("--tenant") { Description = "With --url, client credentials: the Microsoft Entra tenant id." };
        var clientId = new Option<string?>("--client-id") { Description = "With --url, client credentials: the app registration's client id." };
        var secretEnv = new Option<string?>("--client-secret-env") { Description = "With --url, client credentials: the environment variable holding the client secret." };
        var output = new Option<string>("--out") { Description = "The folder of the maps project to write the .dwmap files into.", Required = true };
        var @namespace = new Option<string?>("--namespace") { Description = "The namespace the maps declare (default: none, so the project's RootNamespace)." };
        var foSchema = new Option<string?>("--fo-schema") { Description = "The F&O $metadata: enum fields' values are then written EnumType::Member." };
        var command = new Command("import", "Convert dual-write's own map JSON into .dwmap files, writing down every decision.")
        {
            input, output, @namespace, foSchema, url, tokenEnv, tenant, clientId, secretEnv,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new ImportSource(
                parseResult.GetValue(input),
                parseResult.GetValue(url),
                parseResult.GetValue(tokenEnv),
                parseResult.GetValue(tenant),
                parseResult.GetValue(clientId),
                parseResult.GetValue(secretEnv)),
            parseResult.GetValue(output)!,
            parseResult.GetValue(@namespace),
            parseResult.GetValue(foSchema),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ImportSource source, string outputFolder, string? @namespace, string? foSchemaPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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

        IReadOnlyList<MapProject> projects;
        try
        {
            projects = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or JsonException or HttpRequestException or Azure.Identity.AuthenticationFailedException)
        {
            error.WriteLine("dualwrite import: " + exception.Message);
            return ExitCodes.UsageError;
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
