using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the generator on C# markup that declares maps with attributes, against the sample schemas, and
/// checks the diagnostics against the markup's <c>{|ID:span|}</c> markers, with no unasserted extras.
/// </summary>
public static class AttributeTest
{
    /// <summary>The schemas as assembly attributes; the harness lays them out under the project directory.</summary>
    public const string Header =
        "using DualWrite;\n" +
        "[assembly: DualWriteSchema(Side.Fo, \"schemas/fo.metadata.xml\")]\n" +
        "[assembly: DualWriteSchema(Side.Dataverse, \"schemas/dataverse.metadata.xml\")]\n";

    public static GeneratorRun Verify(string markup, IEnumerable<string>? otherSources = null, IReadOnlyDictionary<string, string>? dwmapFiles = null)
    {
        var (text, spans) = Markup.Parse(markup);
        var texts = MapTest.SampleSchemas()
            .Select(s => (AdditionalText)new InMemoryAdditionalText(MapTest.SchemasFolder + "/" + s.Key, s.Value))
            .Concat((dwmapFiles ?? new Dictionary<string, string>()).Select(f => (AdditionalText)new InMemoryAdditionalText(MapTest.MapsFolder + "/" + f.Key, f.Value)))
            .ToList();
        var run = GeneratorHarness.Run(texts, new[] { text }.Concat(otherSources ?? Enumerable.Empty<string>()));
        var expected = spans.Select(s => new ExpectedDiagnostic(s.Id, GeneratorHarness.SourcePath(0), s.Start, s.Length)).ToList();
        DiagnosticAssert.Exactly(run.Result.Diagnostics, expected);
        if (expected.Count == 0)
        {
            var errors = run.CompilationDiagnostics.ToList();
            Assert.True(errors.Count == 0, "The generated code does not compile:\n" + string.Join("\n", errors));
        }

        return run;
    }
}
