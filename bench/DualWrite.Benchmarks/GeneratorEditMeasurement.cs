using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualWrite.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- generator-edit [--maps N] [--one-file] [--edit line|comment|schema] [--repeat R] [--full F] [--tracked T]</c>:
/// what one edit costs the generator, and where, without BenchmarkDotNet (which cannot run beside other work). It
/// builds the driver over <see cref="GeneratorDriverProject"/> (N maps one file per map, by default the out-of-box
/// ones; or the out-of-box maps in one file), times F full runs and R edits by wall clock and by the process's CPU
/// time (which moves less on a machine shared with other work; its clock ticks are coarse, so it is given as a mean),
/// wall time as a median, and then runs T edits (by default 3) with
/// step tracking on and prints, per tracked step, how many of its items ran again (an input not cached) and the
/// median of its elapsed time per edit, from Roslyn's <see cref="IncrementalGeneratorRunStep"/>s. Tracking is slow
/// and grows faster than the project (Roslyn records every item's inputs): at 140 maps its first run takes minutes.
/// </summary>
internal static class GeneratorEditMeasurement
{
    public static int Run(string[] args)
    {
        var maps = SyntheticMapsProject.OutOfBoxMaps().Count;
        var oneFile = false;
        var editName = "line";
        var repeat = 50;
        var fullRuns = 5;
        var tracked = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--maps": maps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--one-file": oneFile = true; break;
                case "--edit": editName = args[++i]; break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--full": fullRuns = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--tracked": tracked = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: generator-edit [--maps N] [--one-file] [--edit line|comment|schema] [--repeat R] [--full F] [--tracked T]");
                    return 2;
            }
        }

        var project = oneFile ? GeneratorDriverProject.OutOfBoxOneFile() : GeneratorDriverProject.FilePerMap(maps);
        if (oneFile)
        {
            maps = SyntheticMapsProject.OutOfBoxMaps().Count;
        }

        var edit = editName switch
        {
            "line" => project.OneLineEdit,
            "comment" => project.CommentEdit,
            "schema" => project.SchemaEdit,
            _ => throw new ArgumentException($"Unknown edit '{editName}': line, comment or schema.", nameof(args)),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{maps} maps, {(oneFile ? "one file" : "one file per map")}; edit: {editName}; {fullRuns} full runs, {repeat} edits"));

        // The first run of a new driver JIT-compiles the generator: it is not counted.
        var driver = project.CreateDriver().RunGenerators(project.Compilation);
        var full = Enumerable.Range(0, fullRuns).Select(_ => Time(() => project.CreateDriver().RunGenerators(project.Compilation))).ToList();
        var fullWall = Median(full.Select(t => t.Wall));
        var fullCpu = full.Average(t => t.Cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full run: {fullWall:F1} ms wall (median), {fullCpu:F1} ms CPU (mean); per map {fullWall * 1000 / maps:F0} us wall, {fullCpu * 1000 / maps:F0} us CPU"));

        var edits = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < repeat; i++)
        {
            var edited = edit.Apply(driver);
            edits.Add(Time(() => driver = edited.RunGenerators(project.Compilation)));
        }

        var wall = Median(edits.Select(t => t.Wall));
        var cpu = edits.Average(t => t.Cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit: {wall:F2} ms wall (median; min {edits.Min(t => t.Wall):F2}), {cpu:F2} ms CPU (mean), {cpu / fullCpu:P1} of a full run's CPU; per map of the project {cpu * 1000 / maps:F1} us CPU"));

        if (tracked > 0)
        {
            PrintSteps(project, edit, tracked);
        }

        return 0;
    }

    private static void PrintSteps(GeneratorDriverProject project, GeneratorDriverProject.Edit edit, int repeat)
    {
        var driver = project.CreateDriver(trackSteps: true).RunGenerators(project.Compilation);
        edit.Reset();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tracked steps over {repeat} edits (the sum over a step's items of their elapsed time):"));
        var perStep = new SortedDictionary<string, List<(int Items, int Ran, double Ms)>>(StringComparer.Ordinal);
        for (var i = 0; i < repeat; i++)
        {
            driver = edit.Apply(driver).RunGenerators(project.Compilation);
            var result = driver.GetRunResult().Results[0];
            foreach (var (name, steps) in result.TrackedSteps.Concat(result.TrackedOutputSteps))
            {
                var ran = steps.Count(s => s.Inputs.Any(input => input.Source.Outputs[input.OutputIndex].Reason != IncrementalStepRunReason.Cached));
                var ms = steps.Sum(s => s.ElapsedTime.TotalMilliseconds);
                if (!perStep.TryGetValue(name, out var runs))
                {
                    perStep.Add(name, runs = new List<(int, int, double)>());
                }

                runs.Add((steps.Length, ran, ms));
            }
        }

        Console.WriteLine("| step | items | ran again | ms per edit (median) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, runs) in perStep.OrderByDescending(p => Median(p.Value.Select(r => r.Ms))))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {runs[^1].Items} | {runs[^1].Ran} | {Median(runs.Select(r => r.Ms)):F3} |"));
        }
    }

    /// <summary>Milliseconds of wall clock and of the process's CPU time.</summary>
    private static (double Wall, double Cpu) Time(Action run)
    {
        var meter = ProcessMeter.Start();
        run();
        meter.Stop();
        return (meter.Wall.TotalMilliseconds, meter.Cpu.TotalMilliseconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
