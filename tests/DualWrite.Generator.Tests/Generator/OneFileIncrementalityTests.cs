using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Generator;

/// <summary>
/// A project that keeps all its maps in one file (issue 20): an edit inside one map changes the file's lines, which
/// every declaration of the file is reported against. What the driver runs again for it must be the edited
/// declaration's steps and a fixed number of steps over the file or the project, not a step per declaration.
/// </summary>
public sealed class OneFileIncrementalityTests
{
    private static readonly string OutOfBox = Path.Combine(RepoPaths.TestProject, "TestData", "outofbox");

    [Fact]
    public void A_one_line_edit_runs_as_many_steps_whatever_the_number_of_maps_in_its_file()
    {
        var few = StepsRunByAnEditOfTheLastMap(mapsBefore: 3);
        var many = StepsRunByAnEditOfTheLastMap(mapsBefore: 12);

        Assert.Equal(Described(few), Described(many));
    }

    /// <summary>
    /// Per tracked step (and per output), how many of its items ran after a one-line edit in the last map of a file
    /// holding <paramref name="mapsBefore"/> out-of-box maps before it: an item ran when one of its inputs is new or
    /// modified (an input that ran and came out equal is Unchanged, which the driver does not run again).
    /// </summary>
    private static SortedDictionary<string, int> StepsRunByAnEditOfTheLastMap(int mapsBefore)
    {
        var maps = Directory.GetFiles(OutOfBox, "*.dwmap")
            .Where(p => Path.GetFileName(p) != "schemas.dwmap")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Select(text => Regex.Replace(text, @"^(//[^\n]*\n)?namespace [^\n]*\n", string.Empty))
            .ToList();
        var last = maps.Single(m => m.Contains("map AssetManagementAssets :", StringComparison.Ordinal));
        var text = "namespace OutOfBox\n" + string.Concat(maps.Where(m => m != last).Take(mapsBefore)) + last;
        var file = new InMemoryAdditionalText(GeneratorHarness.ProjectDirectory + "maps/all.dwmap", text);
        var texts = Directory.GetFiles(Path.Combine(OutOfBox, "schemas"))
            .Select(p => (AdditionalText)new InMemoryAdditionalText(GeneratorHarness.ProjectDirectory + "maps/schemas/" + Path.GetFileName(p), File.ReadAllText(p)))
            .Append(new InMemoryAdditionalText(GeneratorHarness.ProjectDirectory + "maps/schemas.dwmap", File.ReadAllText(Path.Combine(OutOfBox, "schemas.dwmap"))))
            .Append(file)
            .ToList();
        var compilation = GeneratorHarness.CreateCompilation(Array.Empty<string>());
        var driver = GeneratorHarness.CreateDriver(texts, "OutOfBox").RunGenerators(compilation);

        const string field = "  ACQUISITIONCOST <-> msdyn_acquisitioncost\n  ACQUISITIONDATE";
        Assert.Contains(field, text, StringComparison.Ordinal);
        var edited = new InMemoryAdditionalText(file.Path, text.Replace(field, field.Replace("msdyn_acquisitioncost\n", "msdyn_acquisitioncost default \"x\"\n", StringComparison.Ordinal), StringComparison.Ordinal));
        var result = driver.ReplaceAdditionalText(file, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        var ran = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, steps) in result.TrackedSteps.Concat(result.TrackedOutputSteps))
        {
            ran[name] = steps.Count(s => s.Inputs.Any(i => i.Source.Outputs[i.OutputIndex].Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified));
        }

        return ran;
    }


    // Steps with no item ran are left out: a step over no items at all (no enums) is not tracked.
    private static string Described(SortedDictionary<string, int> ran) => string.Join(", ", ran.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value}"));
}
