using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Link;
using DualWrite.Cli.Commands.Status;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;

namespace DualWrite.Cli.Commands.Errors;

/// <summary>
/// <c>dualwrite errors</c> lists the error list with every field; <c>retry</c> and <c>discard</c> resolve entries (one by
/// id, those of a map and/or record, or all) through the runtime, with the maps of the assembly the generator built
/// (<c>--maps</c>), since applying a change needs its typed transform. Stop the host first: two runtimes on the same
/// databases are not supported.
/// </summary>
public static class ErrorCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return List();
        yield return Resolve("retry", "Apply failed changes again (or, with --from-source, their records as the source holds them now), then the changes waiting behind them.", discard: false);
        yield return Resolve("discard", "Drop failed changes (they never reach the other side), then apply the changes waiting behind them.", discard: true);
    }

    private static Command List()
    {
        var state = Linked.CreateOptions().State;
        var map = MapOption();
        var record = RecordOption();
        var command = new Command("errors", "List the error list: every failed change that blocks its record, with map, record, operation, kind, attempts, times, reason and payload.");
        command.Options.Add(state);
        command.Options.Add(map);
        command.Options.Add(record);
        command.SetAction(parseResult =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            var location = parseResult.GetValue(state)!;
            if (!StateLocation.IsPostgres(location) && !File.Exists(location))
            {
                error.WriteLine($"dualwrite errors: --state '{StateLocation.Redact(location)}' does not exist.");
                return ExitCodes.UsageError;
            }

            using var store = Linked.OpenState(location, "errors", error);
            if (store is null)
            {
                return ExitCodes.UsageError;
            }

            var errors = store.GetErrors(new ErrorFilter(parseResult.GetValue(map), parseResult.GetValue(record)));
            if (errors.Count == 0)
            {
                output.WriteLine("The error list is empty.");
                return ExitCodes.Success;
            }

            var table = new TextTable("ID", "MAP", "RECORD", "SIDE", "OPERATION", "KIND", "ATTEMPTS", "FIRST FAILED", "LAST FAILED", "WAITING", "REASON", "PAYLOAD");
            foreach (var entry in errors)
            {
                table.Add(
                    entry.Id.ToString(CultureInfo.InvariantCulture),
                    entry.Map,
                    entry.RecordKeyAsWritten,
                    entry.Side.ToString(),
                    entry.Operation.ToString(),
                    entry.Kind.ToString(),
                    entry.Attempts.ToString(CultureInfo.InvariantCulture),
                    entry.FirstFailedAt.ToString("u", CultureInfo.InvariantCulture),
                    entry.FailedAt.ToString("u", CultureInfo.InvariantCulture),
                    entry.WaitingChanges.ToString(CultureInfo.InvariantCulture),
                    entry.Reason,
                    entry.Payload);
            }

            table.Write(output);
            output.WriteLine($"{errors.Count} error(s).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Resolve(string name, string description, bool discard)
    {
        var options = Linked.CreateOptions(mapsRequired: true);
        var id = new Argument<long?>("id") { Description = "The error-list entry (see dualwrite errors).", Arity = ArgumentArity.ZeroOrOne };
        var map = MapOption();
        var record = RecordOption();
        var all = new Option<bool>("--all") { Description = "Every entry of the error list." };
        var fromSource = new Option<bool>("--from-source")
        {
            Description = "Apply each record as its source side holds it now (after fixing it there) instead of the stored versions, which it replaces; the record's changes from the other side keep their order.",
        };
        var command = new Command(name, description);
        command.Arguments.Add(id);
        options.AddTo(command);
        command.Options.Add(map);
        command.Options.Add(record);
        command.Options.Add(all);
        if (!discard)
        {
            command.Options.Add(fromSource);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            var (entry, filter) = (parseResult.GetValue(id), new ErrorFilter(parseResult.GetValue(map), parseResult.GetValue(record)));
            var filtered = filter.Map is not null || filter.RecordKey is not null;
            var choices = (entry is null ? 0 : 1) + (filtered ? 1 : 0) + (parseResult.GetValue(all) ? 1 : 0);
            if (choices != 1)
            {
                error.WriteLine($"dualwrite {name}: name the entries one way: an id, --map and/or --record, or --all.");
                return ExitCodes.UsageError;
            }

            using var linked = Linked.Open(parseResult, options, name, error, stateMayBeNew: false);
            if (linked is null)
            {
                return ExitCodes.UsageError;
            }

            using var runtime = linked.CreateRuntime();
            var current = parseResult.GetValue(fromSource);
            if (entry is { } single)
            {
                if (linked.State.GetPendingChange(single)?.Reason is null)
                {
                    error.WriteLine($"dualwrite {name}: the error list has no entry {single}.");
                    return ExitCodes.Failed;
                }

                var emptied = await (discard
                    ? runtime.DiscardAsync(single, cancellationToken)
                    : current ? runtime.RetryFromSourceAsync(single, cancellationToken) : runtime.RetryAsync(single, cancellationToken)).ConfigureAwait(false);
                output.WriteLine(emptied ? $"Entry {single}: resolved; its record's queue is empty." : $"Entry {single}: the record still fails; see dualwrite errors.");
            }
            else
            {
                var selected = parseResult.GetValue(all) ? ErrorFilter.All : filter;
                var before = linked.State.GetErrors(selected).Count;
                var emptied = await (discard
                    ? runtime.DiscardAsync(selected, cancellationToken)
                    : current ? runtime.RetryFromSourceAsync(selected, cancellationToken) : runtime.RetryAsync(selected, cancellationToken)).ConfigureAwait(false);
                output.WriteLine($"{before} entr{(before == 1 ? "y" : "ies")} {(discard ? "discarded" : current ? "retried from source" : "retried")}; {emptied} record queue(s) emptied.");
            }

            var left = linked.State.GetErrors().Count;
            output.WriteLine($"{left} error(s) left.");
            return left == 0 ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static Option<string> MapOption() => new("--map") { Description = "Only the entries of this map." };

    private static Option<string> RecordOption() => new("--record") { Description = "Only the entries of this record (its integration key, e.g. USMF|US0001)." };
}
