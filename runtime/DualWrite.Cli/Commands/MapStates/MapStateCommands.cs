using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using DualWrite.Cli.Commands.Link;
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
        yield return Create("resume", "Resume a paused or stopped map: it replays its staged changes in order, then runs live.", (current, _) => current == MapState.Running ? MapState.Running : MapState.Replaying);
        yield return Create("stop", "Stop a map: it neither syncs nor stages, and its cursors stay where they are.", (_, _) => MapState.Stopped);
    }

    private static Command Create(string name, string description, Func<MapState, string, MapState> next)
    {
        var options = Linked.CreateOptions();
        var map = new Argument<string>("map") { Description = "The map's name, as in the .dwmap file." };
        var command = new Command(name, description);
        command.Arguments.Add(map);
        options.AddTo(command);
        command.SetAction(parseResult =>
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

            var current = linked.State.GetMapState(found);
            var state = next(current, found);
            linked.State.SetMapState(found, state);
            output.WriteLine($"Map {found}: {current} -> {state}. {linked.State.CountStaged(found)} change(s) staged.");
            return ExitCodes.Success;
        });
        return command;
    }
}
