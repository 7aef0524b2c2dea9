using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Check;
using DualWrite.Cli.Commands.Link;
using DualWrite.Cli.Commands.Schema;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Metadata;
using DualWrite.Runtime.OData.Preflight;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Cli.Commands.Doctor;

/// <summary>
/// <c>dualwrite doctor</c>: reaches each environment with the credentials <c>schema pull</c> takes and reports, map by
/// map, what in its live <c>$metadata</c> no longer matches the schema the maps were compiled with.
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var maps = MapsAssembly.Option(required: true);
        var fo = new DoctorSide(Side.Fo, "fo", "https://host.operations.dynamics.com/data/");
        var dataverse = new DoctorSide(Side.Dataverse, "dataverse", "https://org.crm.dynamics.com/api/data/v9.2/");
        var tenant = new Option<string?>("--tenant") { Description = "Client credentials: the Microsoft Entra tenant id." };
        var clientId = new Option<string?>("--client-id") { Description = "Client credentials: the app registration's client id." };
        var secretEnv = new Option<string?>("--client-secret-env") { Description = "Client credentials: the environment variable holding the client secret." };
        var companies = new Option<string[]>("--company")
        {
            Description = "A linked legal entity (repeat for each): checked in F&O's LegalEntities and Dataverse's cdm_companies.",
            AllowMultipleArgumentsPerToken = true,
        };
        var modifiedFields = new Option<string[]>("--fo-modified-field")
        {
            Description = "EntitySet=Field: the modified-time field the F&O connector polls on an entity set (repeat for each), checked on the live entity.",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format") { Description = "How to print the report.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("doctor", "Check the live environments against the schemas the maps were compiled with, map by map, before anything runs.")
        {
            maps, tenant, clientId, secretEnv, companies, modifiedFields, format,
        };
        fo.AddTo(command);
        dataverse.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var definition = MapsAssembly.Load(parseResult.GetValue(maps)!, "doctor", error);
            if (definition is null)
            {
                return ExitCodes.UsageError;
            }

            if (DoctorSide.ModifiedFields(parseResult.GetValue(modifiedFields)) is not { } polled)
            {
                error.WriteLine("dualwrite doctor: --fo-modified-field takes EntitySet=Field, e.g. CustomerGroups=ModifiedDateTime1.");
                return ExitCodes.UsageError;
            }

            var sides = new List<PreflightCheck.SideCheck>();
            foreach (var side in new[] { fo, dataverse })
            {
                try
                {
                    var endpoint = side.Read(parseResult);
                    if (endpoint is null)
                    {
                        continue;
                    }

                    if (endpoint.Value.SchemaPath is null)
                    {
                        error.WriteLine($"dualwrite doctor: --{side.Prefix}-url needs --{side.Prefix}-schema, the $metadata file the maps were compiled with.");
                        return ExitCodes.UsageError;
                    }

                    var tokens = SchemaPullCommand.Tokens(endpoint.Value.Url, endpoint.Value.TokenEnv, parseResult.GetValue(tenant), parseResult.GetValue(clientId), parseResult.GetValue(secretEnv));
                    var compiled = EnvironmentSchema.ReadFile(side.Side, endpoint.Value.SchemaPath);
                    var url = endpoint.Value.Url;
                    IEnvironmentPreflight checks = side.Side == Side.Fo
                        ? new FoPreflight(url, tokens, polled.Count > 0 ? polled : null)
                        : new DataversePreflight(url, tokens);
                    sides.Add(new PreflightCheck.SideCheck(side.Side, compiled, cancellation => LiveMetadata.ReadAsync(side.Side, url, tokens, cancellation), checks));
                }
                catch (Exception refused) when (refused is ArgumentException or UriFormatException or System.IO.IOException or System.IO.InvalidDataException or UnauthorizedAccessException)
                {
                    error.WriteLine($"dualwrite doctor: {refused.Message}");
                    return ExitCodes.UsageError;
                }
            }

            if (sides.Count == 0)
            {
                error.WriteLine("dualwrite doctor: give --fo-url or --dataverse-url (or both), each with its schema.");
                return ExitCodes.UsageError;
            }

            // The doctor checks an integration whose companies are linked: a missing company row breaks its writes.
            var linked = new PreflightCompanies(parseResult.GetValue(companies) ?? Array.Empty<string>(), Linked: true);
            var report = await PreflightCheck.RunAsync(definition.Maps, sides, linked, cancellationToken).ConfigureAwait(false);
            DoctorReportPrinter.Print(report, parseResult.GetValue(format) == "json" ? OutputFormat.Json : OutputFormat.Text, parseResult.InvocationConfiguration.Output);
            return ExitCode(report);
        });
        return command;
    }

    /// <summary>0 when nothing matters to the maps (information only), 3 for warnings, 1 when a map would fail.</summary>
    public static int ExitCode(PreflightReport report) => report.Worst switch
    {
        PreflightSeverity.Breaking => ExitCodes.Failed,
        PreflightSeverity.Warning => ExitCodes.Warnings,
        _ => ExitCodes.Success,
    };
}
