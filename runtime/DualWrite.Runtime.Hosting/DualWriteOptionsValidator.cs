using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Runtime.Postgres;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting;

/// <summary>Checks <see cref="DualWriteOptions"/> when the host starts, naming every missing or wrong setting at once.</summary>
internal sealed class DualWriteOptionsValidator : IValidateOptions<DualWriteOptions>
{
    public ValidateOptionsResult Validate(string? name, DualWriteOptions options)
    {
        var failures = new List<string>();
        ValidateSide(failures, options.FoFactory, nameof(options.UseFo), (nameof(options.FoDatabasePath), options.FoDatabasePath), (nameof(options.FoSchemaPath), options.FoSchemaPath), "F&O");
        ValidateSide(failures, options.DataverseFactory, nameof(options.UseDataverse), (nameof(options.DataverseDatabasePath), options.DataverseDatabasePath), (nameof(options.DataverseSchemaPath), options.DataverseSchemaPath), "Dataverse");
        RequirePath(failures, options.StatePath, nameof(options.StatePath), "the state store's database file or postgres:// URL");
        ValidateState(failures, options);

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

    /// <summary>
    /// A side is an embedded database (both paths required) or what the host's factory opens (neither path set: a path
    /// beside a factory leaves unclear which environment the host meant).
    /// </summary>
    private static void ValidateSide(
        List<string> failures, DualWriteEnvironmentFactory? factory, string useMethod, (string Option, string? Value) database, (string Option, string? Value) schema, string side)
    {
        if (factory is null)
        {
            RequirePath(failures, database.Value, database.Option, $"the {side} environment's database file");
            RequireSchema(failures, schema.Value, schema.Option, side);
            return;
        }

        foreach (var (option, value) in new[] { database, schema })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"DualWrite:{option} is set, but options.{useMethod} supplies the {side} environment; set one or the other.");
            }
        }
    }

    private static void RequirePath(List<string> failures, string? path, string option, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"DualWrite:{option} is not set; it names {what}.");
        }
    }

    private static void ValidateState(List<string> failures, DualWriteOptions options)
    {
        var isPostgres = options.StatePath is { } location && StateLocation.IsPostgres(location);
        if (isPostgres)
        {
            try
            {
                StateLocation.ToConnectionString(options.StatePath!);
            }
            catch (ArgumentException exception)
            {
                failures.Add($"DualWrite:{nameof(options.StatePath)}: {exception.Message}");
            }
        }

        if (options.WorkSharing is not { } sharing)
        {
            return;
        }

        if (!isPostgres)
        {
            failures.Add($"DualWrite:{nameof(options.WorkSharing)} needs a state store the hosts share; set {nameof(options.StatePath)} to a postgres://user:password@host:port/database URL.");
        }

        if (string.IsNullOrWhiteSpace(sharing.HostId))
        {
            failures.Add($"DualWrite:{nameof(options.WorkSharing)}:{nameof(sharing.HostId)} is empty; each host needs its own identity.");
        }

        if (sharing.PartitionCount < 1)
        {
            failures.Add($"DualWrite:{nameof(options.WorkSharing)}:{nameof(sharing.PartitionCount)} must be at least 1; it is {sharing.PartitionCount}.");
        }

        if (sharing.LeaseDuration <= TimeSpan.Zero)
        {
            failures.Add($"DualWrite:{nameof(options.WorkSharing)}:{nameof(sharing.LeaseDuration)} must be positive; it is {sharing.LeaseDuration}.");
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
