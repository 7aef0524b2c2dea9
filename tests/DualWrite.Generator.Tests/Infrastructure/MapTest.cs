using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the generator on .dwmap markup against the sample schemas (or given ones) and checks the reported
/// diagnostics against the markup's <c>{|ID:span|}</c> markers, with no unasserted extras.
/// </summary>
public static class MapTest
{
    public const string MapsFolder = "/project/maps";
    public const string SchemasFolder = "/project/schemas";

    /// <summary>A schema header that points at the sample schemas as the harness lays them out.</summary>
    public const string SchemaHeader = "schema fo \"../schemas/fo.metadata.xml\"\nschema dataverse \"../schemas/dataverse.metadata.xml\"\n";

    public static GeneratorRun Verify(string markup, IEnumerable<string>? sources = null, IReadOnlyDictionary<string, string>? schemas = null) =>
        Verify(new Dictionary<string, string> { ["map.dwmap"] = markup }, sources, schemas);

    public static GeneratorRun Verify(IReadOnlyDictionary<string, string> markupFiles, IEnumerable<string>? sources = null, IReadOnlyDictionary<string, string>? schemas = null)
    {
        var texts = new List<AdditionalText>();
        var expected = new List<ExpectedDiagnostic>();
        foreach (var (name, markup) in markupFiles)
        {
            var path = MapsFolder + "/" + name;
            var (text, spans) = Markup.Parse(markup);
            texts.Add(new InMemoryAdditionalText(path, text));
            expected.AddRange(spans.Select(s => new ExpectedDiagnostic(s.Id, path, s.Start, s.Length)));
        }

        foreach (var (name, content) in schemas ?? SampleSchemas())
        {
            texts.Add(new InMemoryAdditionalText(SchemasFolder + "/" + name, content));
        }

        var run = GeneratorHarness.Run(texts, sources);
        DiagnosticAssert.Exactly(run.Result.Diagnostics, expected);
        if (!expected.Any())
        {
            var errors = run.CompilationDiagnostics.ToList();
            Assert.True(errors.Count == 0, "The generated code does not compile:\n" + string.Join("\n", errors));
        }

        return run;
    }

    public static IReadOnlyDictionary<string, string> SampleSchemas() => new Dictionary<string, string>
    {
        ["fo.metadata.xml"] = File.ReadAllText(Path.Combine(RepoPaths.Samples, "schemas", "fo.metadata.xml")),
        ["dataverse.metadata.xml"] = File.ReadAllText(Path.Combine(RepoPaths.Samples, "schemas", "dataverse.metadata.xml")),
    };
}
