using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualWrite.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- generator-edit [--maps N] [--one-file] [--edit line|comment|schema] [--repeat R] [--full F]</c>:
/// what one edit costs the generator, and where, without BenchmarkDotNet (which cannot run beside other work). It
/// builds the driver over <see cref="GeneratorDriverProject"/> (N maps one file per map, by default the out-of-box
/// ones; or the out-of-box maps in one file), times F full runs and R edits by wall clock, medians, and then runs the
/// R edits again with step tracking on and prints, per tracked step, how many of its items ran again (an input not
/// cached) and the median of its elapsed time per edit, from Roslyn's <see cref="IncrementalGeneratorRunStep"/>s.
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
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--maps": maps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--one-file": oneFile = true; break;
                case "--edit": editName = args[++i]; break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--full": fullRuns = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: generator-edit [--maps N] [--one-file] [--edit line|comment|schema] [--repeat R] [--full F]");
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
        var full = Median(Enumerable.Range(0, fullRuns).Select(_ => Time(() => project.CreateDriver().RunGenerators(project.Compilation))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full run: {full:F1} ms median, {full * 1000 / maps:F0} us per map"));

        var edits = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var edited = edit.Apply(driver);
            edits.Add(Time(() => driver = edited.RunGenerators(project.Compilation)));
        }

        var median = Median(edits);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit: {median:F2} ms median ({edits.Min():F2} min), {median / full:P1} of a full run, {median * 1000 / maps:F1} us per map of the project"));

        PrintSteps(project, edit, repeat);
        return 0;
    }

    private static void PrintSteps(GeneratorDriverProject project, GeneratorDriverProject.Edit edit, int repeat)
    {
        var driver = project.CreateDriver(trackSteps: true).RunGenerators(project.Compilation);
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

    private static double Time(Action run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
