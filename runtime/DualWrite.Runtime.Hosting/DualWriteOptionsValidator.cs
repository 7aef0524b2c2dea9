using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting;

/// <summary>Checks <see cref="DualWriteOptions"/> when the host starts, naming every missing or wrong setting at once.</summary>
internal sealed class DualWriteOptionsValidator : IValidateOptions<DualWriteOptions>
{
    public ValidateOptionsResult Validate(string? name, DualWriteOptions options)
    {
        var failures = new List<string>();
        RequirePath(failures, options.FoDatabasePath, nameof(options.FoDatabasePath), "the F&O environment's database file");
        RequirePath(failures, options.DataverseDatabasePath, nameof(options.DataverseDatabasePath), "the Dataverse environment's database file");
        RequirePath(failures, options.StatePath, nameof(options.StatePath), "the state store's database file");
        RequireSchema(failures, options.FoSchemaPath, nameof(options.FoSchemaPath), "F&O");
        RequireSchema(failures, options.DataverseSchemaPath, nameof(options.DataverseSchemaPath), "Dataverse");

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"DualWrite:{nameof(options.PollInterval)} must be positive; it is {options.PollInterval}.");
        }

        failures.AddRange(options.Runtime.Problems().Select(problem => $"DualWrite:{nameof(options.Runtime)}: {problem}"));

        var unknownMaps = options.Runtime.Alerts.Select(rule => rule.Map).OfType<string>().Where(map => options.Maps.All(m => m.Name != map)).Distinct();
        foreach (var map in unknownMaps)
        {
            failures.Add($"DualWrite:{nameof(options.Runtime)}: an alert rule names map '{map}', which is not configured.");
        }

        if (options.Maps.Count == 0)
        {
            failures.Add("DualWrite: no maps are configured; call options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences).");
        }

        foreach (var duplicate in options.Maps.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"DualWrite: map '{duplicate.Key}' is added {duplicate.Count()} times.");
        }

        var mapNames = options.Maps.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var sequence in options.NumberSequences.Where(s => !mapNames.Contains(s.MapName)))
        {
            failures.Add($"DualWrite: number sequence '{sequence.Name}' belongs to map '{sequence.MapName}', which is not configured.");
        }

        foreach (var company in options.Companies.Where(c => string.IsNullOrWhiteSpace(c) || c.Contains(',', StringComparison.Ordinal)))
        {
            failures.Add($"DualWrite:{nameof(options.Companies)} holds '{company}', which is not a legal entity code (dataAreaId).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePath(List<string> failures, string? path, string option, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"DualWrite:{option} is not set; it names {what}.");
        }
    }

    private static void RequireSchema(List<string> failures, string? path, string option, string side)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"DualWrite:{option} is not set; it names the {side} $metadata (CSDL) file.");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"DualWrite:{option}: the {side} schema '{Path.GetFullPath(path)}' does not exist.");
        }
    }
}
