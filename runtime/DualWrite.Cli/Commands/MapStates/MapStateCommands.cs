using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.InitialSync;
using DualWrite.Cli.Commands.Link;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;

namespace DualWrite.Cli.Commands.MapStates;

/// <summary>
/// <c>dualwrite pause</c>, <c>resume</c> and <c>stop</c>: they set the map's state in the state store, which a running
/// host reads at the start of each map's pass (the same states <c>DualWriteRuntime.Pause</c>, <c>Resume</c> and
/// <c>Stop</c> set). The maps are not needed: the state store knows the maps that have run.
/// </summary>
public static class MapStateCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Create("pause", "Pause a map: its changes are staged in the state store until it is resumed.", (_, _) => MapState.Paused);
        yield return Resume();
        yield return Create("stop", "Stop a map: it neither syncs nor stages, and its cursors stay where they are.", (_, _) => MapState.Stopped);
    }

    /// <summary>
    /// <c>resume</c> sets the map replaying; with <c>--skip</c> it runs the map live at once and sets what it gathered aside
    /// (<c>keep</c>: into the error list, for retry) or drops it (<c>discard</c>), through the runtime and the maps.
    /// </summary>
    private static Command Resume()
    {
        var skip = new Option<string>("--skip") { Description = "Resume without catch-up: 'keep' moves the gathered changes to the error list for retry, 'discard' drops them." };
        skip.AcceptOnlyFromAmong("keep", "discard");
        var command = Create(
            "resume",
            "Resume a paused or stopped map: it replays its staged changes in order, then runs live (or, with --skip, runs live at once).",
            (current, _) => current == MapState.Running ? MapState.Running : MapState.Replaying,
            async (parseResult, linked, map, output, error, cancellationToken) =>
            {
                if (parseResult.GetValue(skip) is not { } how)
                {
                    return null;
                }

                if (linked.Maps is null)
                {
                    error.WriteLine("dualwrite resume: --skip needs the maps (--maps), to read the gathered changes' records.");
                    return ExitCodes.UsageError;
                }

                using var runtime = linked.CreateRuntime();
                var mode = how == "keep" ? ResumeMode.SkipKeepForRetry : ResumeMode.SkipDiscard;
                var count = await runtime.ResumeAsync(map, mode, cancellationToken).ConfigureAwait(false);
                output.WriteLine(how == "keep"
                    ? $"Map {map} runs live; {count} change(s) were moved to the error list (dualwrite retry or discard them)."
                    : $"Map {map} runs live; {count} change(s) were dropped.");
                return ExitCodes.Success;
            });
        command.Options.Add(skip);
        return command;
    }

    private static Command Create(string name, string description, Func<MapState, string, MapState> next, Func<ParseResult, Linked, string, TextWriter, TextWriter, CancellationToken, Task<int?>>? instead = null)
    {
        var options = Linked.CreateOptions();
        var map = new Argument<string>("map") { Description = "The map's name, as in the .dwmap file." };
        var command = new Command(name, description);
        command.Arguments.Add(map);
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            using var linked = Linked.Open(parseResult, options, name, error, stateMayBeNew: false);
            if (linked is null)
            {
                return ExitCodes.UsageError;
            }

            var requested = parseResult.GetValue(map)!;
            var known = linked.KnownMaps();
            var found = known.FirstOrDefault(m => string.Equals(m, requested, StringComparison.Ordinal));
            if (found is null)
            {
                error.WriteLine($"dualwrite {name}: the state store knows no map '{requested}'; known maps: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
                return ExitCodes.Failed;
            }

            if (instead is not null && await instead(parseResult, linked, found, output, error, cancellationToken).ConfigureAwait(false) is { } exit)
            {
                return exit;
            }

            var current = linked.State.GetMapState(found);
            var state = next(current, found);
            linked.State.SetMapState(found, state);
            output.WriteLine($"Map {found}: {current} -> {state}. {linked.State.CountStaged(found)} change(s) staged.");
            return ExitCodes.Success;
        });
        return command;
    }
}
