using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DualWrite.Cli.Commands.Status;
using DualWrite.Runtime.InitialSync;

namespace DualWrite.Cli.Commands.InitialSync;

/// <summary>How plans, results, differences and errors are printed: plain text, so the output reads the same in a terminal, a log and a test.</summary>
internal static class InitialSyncReport
{
    public static void WritePlan(InitialSyncPlan plan, IReadOnlyList<IDualWriteMap> maps, TextWriter output)
    {
        var byName = maps.ToDictionary(m => m.Name, StringComparer.Ordinal);
        output.WriteLine($"Initial-sync plan: {plan.Steps.Count} step(s) for {plan.Order.Count} map(s).");
        var table = new TextTable("step", "map", "pass", "depends on");
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var dependsOn = byName[step.Map].DependsOn;
            table.Add(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                step.Map + (step.Skipped ? " (skipped)" : string.Empty),
                PassName(step.Pass),
                dependsOn.Count == 0 ? "-" : string.Join(", ", dependsOn));
        }

        table.Write(output);
        foreach (var cycle in plan.Cycles)
        {
            output.WriteLine($"Lookup cycle {string.Join(" -> ", cycle)}: pass 1 writes the rows without the lookups that close the cycle, pass 2 writes those lookups after {cycle[^1]}.");
        }
    }

    public static void WriteSummary(InitialSyncResult result, TextWriter output)
    {
        var table = new TextTable("map", "pass", "status", "F&O read", "Dataverse read", "inserted", "updated", "unchanged", "skipped", "failed");
        foreach (var step in result.Steps)
        {
            AddCounts(table, step.Map, PassName(step.Pass), step.Status.ToString(), step.Counts);
        }

        AddCounts(table, "total", string.Empty, string.Empty, result.Total);
        table.Write(output);
        output.WriteLine();
        var elapsed = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine(result.DryRun
            ? $"Dry run with {SideName(result.Master)} as master in {elapsed} s: nothing was written; inserted/updated/failed are what a run would do."
            : $"Run {result.RunId}: {result.Status} with {SideName(result.Master)} as master in {elapsed} s; {result.Errors} row(s) in the error list.");
    }

    public static void WriteErrors(IReadOnlyList<InitialSyncError> errors, TextWriter output, bool rows, int limit)
    {
        output.WriteLine($"Errors: {errors.Count}");
        foreach (var error in errors.Take(limit))
        {
            var skipped = error.Skipped ? " (skipped)" : string.Empty;
            output.WriteLine($"  #{error.Id} {error.Map} {error.RecordKey}: from {SideName(error.SourceSide)}, {PassName(error.Pass)} pass{skipped}");
            output.WriteLine($"      {error.Reason}");
            if (rows)
            {
                output.WriteLine($"      row {error.Row}");
            }
        }

        if (errors.Count > limit)
        {
            output.WriteLine($"  ... and {errors.Count - limit} more");
        }
    }

    public static string SideName(Side side) => side == Side.Fo ? "F&O" : "Dataverse";

    public static string PassName(InitialSyncPass pass) => pass switch
    {
        InitialSyncPass.Rows => "1: rows",
        InitialSyncPass.CyclicLookups => "2: cyclic lookups",
        _ => "all",
    };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void AddCounts(TextTable table, string map, string pass, string status, InitialSyncCounts counts) => table.Add(
        map, pass, status, Number(counts.FoRead), Number(counts.DataverseRead), Number(counts.Inserted), Number(counts.Updated), Number(counts.Unchanged), Number(counts.Skipped), Number(counts.Failed));

    /// <summary>
    /// A dry run's differences, grouped by map. Only the first few per map are kept: a first dry run against large
    /// environments finds a difference in nearly every row, and the counts say the rest.
    /// </summary>
    public sealed class Differences(int shown)
    {
        private readonly Dictionary<string, MapDifferences> _byMap = new(StringComparer.Ordinal);

        public void Add(InitialSyncDifference difference)
        {
            if (!_byMap.TryGetValue(difference.Map, out var entry))
            {
                entry = new MapDifferences();
                _byMap[difference.Map] = entry;
            }

            if (entry.Shown.Count < shown)
            {
                entry.Shown.Add(difference);
            }

            if (difference.Change == InitialSyncChange.Insert)
            {
                entry.Inserts++;
            }
            else
            {
                entry.Updates++;
            }
        }

        public void Write(InitialSyncPlan plan, TextWriter output)
        {
            foreach (var map in plan.Order)
            {
                if (!_byMap.TryGetValue(map, out var entry))
                {
                    output.WriteLine(plan.Skipped.Contains(map) ? $"{map}: skipped" : $"{map}: no differences");
                    continue;
                }

                output.WriteLine($"{map}: {Number(entry.Inserts)} insert(s), {Number(entry.Updates)} update(s)");
                foreach (var difference in entry.Shown)
                {
                    var change = difference.Change == InitialSyncChange.Insert ? "insert" : "update";
                    output.WriteLine($"  {change} {difference.RecordKey} in {SideName(difference.Target)}: {string.Join(", ", difference.Fields)}");
                }

                var rest = entry.Inserts + entry.Updates - entry.Shown.Count;
                if (rest > 0)
                {
                    output.WriteLine($"  ... and {Number(rest)} more");
                }
            }
        }

        private sealed class MapDifferences
        {
            public List<InitialSyncDifference> Shown { get; } = new();

            public long Inserts { get; set; }

            public long Updates { get; set; }
        }
    }
}
