using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using DualWrite.Runtime.InitialSync;
using Spectre.Console;

namespace DualWrite.Cli.Commands.InitialSync;

/// <summary>
/// A run's progress: a live Spectre.Console bar per step in a terminal, plain lines when the output is redirected (a log,
/// a pipe, a test), where a redrawn bar would be noise.
/// </summary>
internal static class InitialSyncProgressDisplay
{
    /// <summary>In line mode a step prints at most one line per this much of its time, besides the line when it completes.</summary>
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(1);

    public static Task<InitialSyncResult> ShowAsync(TextWriter output, Func<IProgress<InitialSyncProgress>, Task<InitialSyncResult>> run) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? LiveAsync(output, run) : LinesAsync(output, run);

    private static Task<InitialSyncResult> LiveAsync(TextWriter output, Func<IProgress<InitialSyncProgress>, Task<InitialSyncResult>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(context =>
            {
                var tasks = new Dictionary<(int Step, InitialSyncPass Pass), ProgressTask>();
                return run(new Inline(progress =>
                {
                    var key = (progress.Step, progress.Pass);
                    if (!tasks.TryGetValue(key, out var task))
                    {
                        task = context.AddTask(Markup.Escape(Title(progress)));
                        tasks[key] = task;
                    }

                    task.MaxValue = Math.Max(1, progress.RowsTotal);
                    task.Value = progress.Completed ? task.MaxValue : progress.RowsRead;
                    task.Description = Markup.Escape(Title(progress) + "  " + (progress.Completed ? Done(progress) : Rate(progress)));
                    if (progress.Completed)
                    {
                        task.StopTask();
                    }
                }));
            });
    }

    private static Task<InitialSyncResult> LinesAsync(TextWriter output, Func<IProgress<InitialSyncProgress>, Task<InitialSyncResult>> run)
    {
        var lastLine = new Dictionary<(int Step, InitialSyncPass Pass), TimeSpan>();
        return run(new Inline(progress =>
        {
            var key = (progress.Step, progress.Pass);
            if (progress.Completed)
            {
                output.WriteLine($"{Title(progress)}: {Done(progress)}; {progress.Counts}");
                return;
            }

            if (lastLine.TryGetValue(key, out var last) && progress.Elapsed - last < LineInterval)
            {
                return;
            }

            lastLine[key] = progress.Elapsed;
            var percent = progress.RowsTotal == 0 ? 0 : 100.0 * progress.RowsRead / progress.RowsTotal;
            output.WriteLine($"{Title(progress)}: {InitialSyncReport.Number(progress.RowsRead)} of {InitialSyncReport.Number(progress.RowsTotal)} rows " +
                $"({percent.ToString("0", CultureInfo.InvariantCulture)}%), {Rate(progress)}");
        }));
    }

    private static string Title(InitialSyncProgress progress) =>
        $"[{progress.Step}/{progress.StepCount}] {progress.Map}" + (progress.Pass == InitialSyncPass.All ? string.Empty : $" (pass {InitialSyncReport.PassName(progress.Pass)})");

    private static string Rate(InitialSyncProgress progress) =>
        $"{InitialSyncReport.Number((long)progress.RowsPerSecond)} rows/s, " +
        (progress.Remaining is { } remaining ? $"about {remaining.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)} left" : "estimating");

    private static string Done(InitialSyncProgress progress) =>
        $"{InitialSyncReport.Number(progress.RowsRead)} rows in {progress.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
        $"({InitialSyncReport.Number((long)progress.RowsPerSecond)} rows/s)";

    /// <summary>Handles each report on the run's own thread, in order (Progress&lt;T&gt; would post it elsewhere).</summary>
    private sealed class Inline(Action<InitialSyncProgress> handler) : IProgress<InitialSyncProgress>
    {
        public void Report(InitialSyncProgress value) => handler(value);
    }
}
