using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Link;
using DualWrite.Runtime;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;

namespace DualWrite.Cli.Commands.Status;

/// <summary><c>dualwrite status</c>: the link, each map's state, cursors and lag, and the error list.</summary>
public static class StatusCommand
{
    private const int ErrorsShown = 10;

    public static Command Create()
    {
        var options = Linked.CreateOptions();
        var command = new Command("status", "Show the link, each map's state, how far its cursors are behind the change logs, and the error list.");
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var linked = Linked.Open(parseResult, options, "status", parseResult.InvocationConfiguration.Error, stateMayBeNew: false);
            if (linked is null)
            {
                return ExitCodes.UsageError;
            }

            await PrintAsync(linked, parseResult.InvocationConfiguration.Output, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task PrintAsync(Linked linked, TextWriter output, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var link = linked.State.GetLink();
        if (link is null)
        {
            output.WriteLine("Not linked.");
            return;
        }

        output.WriteLine($"Link:  F&O {link.FoEnvironmentId} <-> Dataverse {link.DataverseEnvironmentId}");
        output.WriteLine($"       companies {string.Join(", ", link.Companies)}, linked {link.LinkedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z");
        if (link.FoEnvironmentId != linked.Fo.EnvironmentId || link.DataverseEnvironmentId != linked.Dataverse.EnvironmentId)
        {
            output.WriteLine($"       these databases are F&O {linked.Fo.EnvironmentId} and Dataverse {linked.Dataverse.EnvironmentId}, not the linked pair: relink (after a database copy) before syncing.");
        }

        var foHead = await linked.Fo.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var dataverseHead = await linked.Dataverse.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Heads: F&O {foHead}, Dataverse {dataverseHead}");
        output.WriteLine();

        // A cursor stands where the map's last pass read up to; everything after it in that side's change log (any table,
        // since the tool does not know the maps' tables) is waiting, and the oldest of it says how far the map lags.
        var cursors = linked.State.GetCursors();
        var errors = linked.State.GetErrors();
        var table = new TextTable("map", "state", "F&O cursor", "behind", "Dataverse cursor", "behind", "lag", "errors", "staged");
        var stops = new List<(string Map, MapStopReason Stop)>();
        foreach (var map in linked.KnownMaps())
        {
            // A map named by --maps that has not run yet has no cursors: it starts at the heads when a host first runs it.
            var fo = cursors.FirstOrDefault(c => c.Map == map && c.Side == Side.Fo)?.Sequence;
            var dataverse = cursors.FirstOrDefault(c => c.Map == map && c.Side == Side.Dataverse)?.Sequence;
            var (foBehind, foOldest) = fo is { } foCursor ? Waiting(linked.Fo, foCursor) : (0, null);
            var (dataverseBehind, dataverseOldest) = dataverse is { } dataverseCursor ? Waiting(linked.Dataverse, dataverseCursor) : (0, null);
            var oldest = new[] { foOldest, dataverseOldest }.Where(o => o is not null).Min();
            var state = linked.State.GetMapState(map);
            table.Add(
                map,
                state.ToString(),
                fo?.ToString(CultureInfo.InvariantCulture) ?? "-",
                fo is null ? "-" : foBehind.ToString(CultureInfo.InvariantCulture),
                dataverse?.ToString(CultureInfo.InvariantCulture) ?? "-",
                dataverse is null ? "-" : dataverseBehind.ToString(CultureInfo.InvariantCulture),
                oldest is null ? "-" : FormatAge(now - oldest.Value),
                errors.Count(e => e.Map == map).ToString(CultureInfo.InvariantCulture),
                linked.State.CountStaged(map).ToString(CultureInfo.InvariantCulture));
            if (state == MapState.Stopped && linked.State.GetStopReason(map) is { } stop)
            {
                stops.Add((map, stop));
            }
        }

        table.Write(output);
        foreach (var (map, stop) in stops)
        {
            output.WriteLine($"{map} stopped {stop.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z: {stop.Reason}");
        }

        output.WriteLine();
        output.WriteLine($"Errors: {errors.Count}");
        foreach (var error in errors.Take(ErrorsShown))
        {
            var waiting = error.WaitingChanges == 0 ? string.Empty : $", {error.WaitingChanges} change(s) waiting behind it";
            output.WriteLine($"  #{error.Id} {error.Map} {error.RecordKeyAsWritten}: {error.Operation} from {error.Side}{waiting}");
            output.WriteLine($"      {error.Reason}");
        }

        if (errors.Count > ErrorsShown)
        {
            output.WriteLine($"  ... and {errors.Count - ErrorsShown} more");
        }
    }

    private static (long Count, DateTimeOffset? Oldest) Waiting(EmbeddedEnvironment environment, long cursor)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(changed_at) FROM dw_changes WHERE sequence > $cursor";
        command.Parameters.AddWithValue("$cursor", cursor);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    private static string FormatAge(TimeSpan age) =>
        age.TotalSeconds < 60 ? $"{Math.Max(0, age.TotalSeconds):0.0} s"
        : age.TotalMinutes < 60 ? $"{age.TotalMinutes:0.0} min"
        : $"{age.TotalHours:0.0} h";
}
