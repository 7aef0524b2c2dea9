using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Link;
using DualWrite.Runtime.InitialSync;

namespace DualWrite.Cli.Commands.InitialSync;

/// <summary>
/// <c>dualwrite initial-sync plan|run|dry-run|resume|rerun|errors|runs</c>: the runtime's <see cref="InitialSyncRunner"/>
/// on the state store and embedded environments, with the maps of an assembly the generator built (<c>--maps</c>).
/// </summary>
public static class InitialSyncCommand
{
    public static Command Create()
    {
        var command = new Command("initial-sync", "Bring both environments into agreement before live sync: plan, dry run, run, resume, rerun and the error list.");
        command.Subcommands.Add(Plan());
        command.Subcommands.Add(Run());
        command.Subcommands.Add(DryRun());
        command.Subcommands.Add(Resume());
        command.Subcommands.Add(Rerun());
        command.Subcommands.Add(Errors());
        command.Subcommands.Add(Runs());
        return command;
    }

    private static Option<string> OrderOption() => new("--order")
    {
        Description = "Every map, comma-separated, in the order to run them; refused if a map would run before one it depends on.",
    };

    private static Option<string> SkipOption() => new("--skip")
    {
        Description = "Maps to leave out, comma-separated.",
    };

    private static Argument<string> RunIdArgument() => new("runId") { Description = "The run's id, as run printed it (or see initial-sync runs)." };

    private static Command Plan()
    {
        var maps = MapsAssembly.Option(required: true);
        var order = OrderOption();
        var skip = SkipOption();
        var command = new Command("plan", "Print the order the maps run in, with the passes of lookup cycles; with --order, check a reorder.") { maps, order, skip };
        command.SetAction(parseResult =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            var loaded = MapsAssembly.Load(parseResult.GetValue(maps)!, "initial-sync plan", error);
            if (loaded is null)
            {
                return ExitCodes.UsageError;
            }

            try
            {
                var plan = InitialSyncRunner.PlanFor(loaded.Maps, List(parseResult.GetValue(order)), List(parseResult.GetValue(skip)));
                InitialSyncReport.WritePlan(plan, loaded.Maps, output);
                return ExitCodes.Success;
            }
            catch (InitialSyncPlanException refused)
            {
                error.WriteLine($"dualwrite initial-sync plan: {refused.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static Command Run()
    {
        var master = new Option<string>("--master")
        {
            Description = "The side whose version wins where both sides hold a record with different values: fo or dataverse.",
            Required = true,
        };
        master.AcceptOnlyFromAmong("fo", "dataverse");
        var order = OrderOption();
        var skip = SkipOption();
        var batchSize = new Option<int>("--batch-size") { Description = "Records per transaction and checkpoint.", DefaultValueFactory = _ => new InitialSyncOptions().BatchSize };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--batch-size must be at least 1.");
            }
        });
        var command = RunnerCommand("run", "Run the initial sync: what is missing on a side is inserted, what differs is updated from the master; failed rows go to the run's error list.", (parseResult, sync, output, cancellationToken) =>
        {
            var plan = sync.Runner.Plan(List(parseResult.GetValue(order)), List(parseResult.GetValue(skip)));
            var options = new InitialSyncOptions
            {
                Master = parseResult.GetValue(master) == "dataverse" ? Side.Dataverse : Side.Fo,
                BatchSize = parseResult.GetValue(batchSize),
            };
            return sync.ExecuteAsync(output, progress =>
            {
                options.Progress = progress;
                return sync.Runner.RunAsync(plan, options, cancellationToken);
            });
        });
        command.Options.Add(master);
        command.Options.Add(order);
        command.Options.Add(skip);
        command.Options.Add(batchSize);
        return command;
    }

    private static Command DryRun()
    {
        var master = new Option<string>("--master")
        {
            Description = "The side whose version would win where both sides differ: fo or dataverse.",
            Required = true,
        };
        master.AcceptOnlyFromAmong("fo", "dataverse");
        var order = OrderOption();
        var skip = SkipOption();
        var show = new Option<int>("--show") { Description = "Differences listed per map; the rest are counted.", DefaultValueFactory = _ => 10 };
        var command = RunnerCommand("dry-run", "Compare both sides map by map and print what a run would write; nothing is written.", async (parseResult, sync, output, cancellationToken) =>
        {
            var plan = sync.Runner.Plan(List(parseResult.GetValue(order)), List(parseResult.GetValue(skip)));
            var differences = new InitialSyncReport.Differences(parseResult.GetValue(show));
            var options = new InitialSyncOptions { Master = parseResult.GetValue(master) == "dataverse" ? Side.Dataverse : Side.Fo, Differences = differences.Add };
            var result = await sync.Runner.DryRunAsync(plan, options, cancellationToken).ConfigureAwait(false);
            differences.Write(plan, output);
            output.WriteLine();
            InitialSyncReport.WriteSummary(result, output);
            return ExitCodes.Success;
        });
        command.Options.Add(master);
        command.Options.Add(order);
        command.Options.Add(skip);
        command.Options.Add(show);
        return command;
    }

    private static Command Resume()
    {
        var runId = RunIdArgument();
        var command = RunnerCommand("resume", "Continue a stopped or crashed run with its plan and master: finished steps are not run again.", (parseResult, sync, output, cancellationToken) =>
            sync.ExecuteAsync(output, progress => sync.Runner.ResumeAsync(parseResult.GetValue(runId)!, new InitialSyncOptions { Progress = progress }, cancellationToken)));
        command.Arguments.Add(runId);
        return command;
    }

    private static Command Rerun()
    {
        var runId = RunIdArgument();
        var skipErrors = new Option<bool>("--skip-errors") { Description = "Set the failed rows aside (they stay listed, marked skipped) instead of retrying them." };
        var command = RunnerCommand("rerun", "Retry every failed row of a run (read afresh from both sides), then finish the run.", (parseResult, sync, output, cancellationToken) =>
            sync.ExecuteAsync(output, progress => sync.Runner.RerunAsync(parseResult.GetValue(runId)!, parseResult.GetValue(skipErrors), new InitialSyncOptions { Progress = progress }, cancellationToken)));
        command.Arguments.Add(runId);
        command.Options.Add(skipErrors);
        return command;
    }

    private static Command Errors()
    {
        var runId = RunIdArgument();
        var command = RunnerCommand("errors", "Print every failed row of a run: map, key, the side it came from, the reason and the row.", (parseResult, sync, output, _) =>
        {
            InitialSyncReport.WriteErrors(sync.Runner.GetErrors(parseResult.GetValue(runId)!), output, rows: true, limit: int.MaxValue);
            return Task.FromResult(ExitCodes.Success);
        });
        command.Arguments.Add(runId);
        return command;
    }

    private static Command Runs()
    {
        return RunnerCommand("runs", "List the initial-sync runs, newest first.", (_, sync, output, _) =>
        {
            var table = new Status.TextTable("run", "master", "status", "started", "finished", "errors");
            foreach (var run in sync.Runner.GetRuns())
            {
                table.Add(
                    run.Id,
                    InitialSyncReport.SideName(run.Master),
                    run.Status.ToString(),
                    InitialSyncReport.Time(run.StartedAt),
                    run.FinishedAt is { } finished ? InitialSyncReport.Time(finished) : "-",
                    sync.Runner.GetErrors(run.Id).Count(e => !e.Skipped).ToString(CultureInfo.InvariantCulture));
            }

            table.Write(output);
            return Task.FromResult(ExitCodes.Success);
        });
    }

    /// <summary>
    /// A subcommand that opens the state store and environments with the maps. Refusals the runner states in its
    /// exceptions (no link, another pair's state store, an unknown run, a bad order) become messages with exit code 1.
    /// </summary>
    private static Command RunnerCommand(string name, string description, Func<ParseResult, Sync, TextWriter, CancellationToken, Task<int>> action)
    {
        var options = Linked.CreateOptions(mapsRequired: true);
        var command = new Command(name, description);
        options.AddTo(command);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            var label = "initial-sync " + name;
            using var linked = Linked.Open(parseResult, options, label, error, stateMayBeNew: false);
            if (linked is null)
            {
                return ExitCodes.UsageError;
            }

            try
            {
                var sync = new Sync(new InitialSyncRunner(linked.Fo, linked.Dataverse, linked.State, linked.Maps!.Maps), error);
                return await action(parseResult, sync, output, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception refused) when (refused is InitialSyncPlanException or InvalidOperationException or ArgumentException)
            {
                error.WriteLine($"dualwrite {label}: {refused.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static IReadOnlyList<string>? List(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The runner of one invocation, and how a run's progress, result and stop are shown.</summary>
    private sealed record Sync(InitialSyncRunner Runner, TextWriter Error)
    {
        private const int ErrorsShown = 20;

        /// <summary>Runs with progress, then prints the summary; exit code 1 when rows failed, so scripts notice.</summary>
        public async Task<int> ExecuteAsync(TextWriter output, Func<IProgress<InitialSyncProgress>, Task<InitialSyncResult>> run)
        {
            InitialSyncResult result;
            string? runId = null;
            try
            {
                result = await InitialSyncProgressDisplay.ShowAsync(output, progress => run(new Tap(progress, p => runId ??= p.RunId))).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                runId ??= Runner.GetRuns().FirstOrDefault(r => r.Status == InitialSyncRunStatus.Running)?.Id;
                Error.WriteLine($"Stopped. What was done is checkpointed; continue with: dualwrite initial-sync resume {runId} (same options).");
                return ExitCodes.Failed;
            }

            output.WriteLine();
            InitialSyncReport.WriteSummary(result, output);
            if (result.Errors > 0)
            {
                output.WriteLine();
                InitialSyncReport.WriteErrors(Runner.GetErrors(result.RunId!).Where(e => !e.Skipped).ToList(), output, rows: false, limit: ErrorsShown);
                if (result.Errors > ErrorsShown)
                {
                    output.WriteLine($"Every failed row: dualwrite initial-sync errors {result.RunId} (same options).");
                }
            }

            return result.Status == InitialSyncRunStatus.Completed ? ExitCodes.Success : ExitCodes.Failed;
        }
    }

    private sealed class Tap(IProgress<InitialSyncProgress> inner, Action<InitialSyncProgress> seen) : IProgress<InitialSyncProgress>
    {
        public void Report(InitialSyncProgress value)
        {
            seen(value);
            inner.Report(value);
        }
    }
}
