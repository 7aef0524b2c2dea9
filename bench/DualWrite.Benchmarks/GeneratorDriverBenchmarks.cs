using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using BenchmarkDotNet.Attributes;
using DualWrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.Benchmarks;

/// <summary>
/// The generator as the IDE runs it (issue 20): Roslyn's generator driver over the 140 out-of-box maps
/// (tests/DualWrite.Generator.Tests/TestData/outofbox) in one file and in one file per map, and over 1,000 maps
/// (<see cref="SyntheticMapsProject"/>: the out-of-box maps repeated under other names, one file per map). A full run starts a new driver; each edit
/// benchmark replaces one file of a driver that has already run, alternating between two texts, so every
/// invocation is a real edit: a one-line change inside a map, a comment line above a map, a change of the F&amp;O schema.
/// </summary>
[MemoryDiagnoser]
public class GeneratorDriverBenchmarks
{
    public enum Project
    {
        OutOfBoxOneFile,
        OutOfBoxFilePerMap,
        Synthetic1000,
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private ImmutableArray<AdditionalText> _texts;
    private Compilation _compilation = null!;
    private GeneratorDriver _driver = null!;
    private (AdditionalText Original, AdditionalText Edited) _oneLine;
    private (AdditionalText Original, AdditionalText Edited) _comment;
    private (AdditionalText Original, AdditionalText Edited) _schema;
    private bool _edited;

    [Params(Project.OutOfBoxOneFile, Project.OutOfBoxFilePerMap, Project.Synthetic1000)]
    public Project Input { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var maps = SyntheticMapsProject.OutOfBoxMaps();
        var texts = SyntheticMapsProject.Schemas().Select(s => (AdditionalText)new Text("/project/" + s.Path, s.Text)).ToList();
        texts.AddRange(Input switch
        {
            Project.OutOfBoxOneFile => new[] { new Text("/project/maps/all.dwmap", "namespace OutOfBox\n" + string.Concat(maps.Select(m => WithoutHeader(m.Text)))) },
            Project.OutOfBoxFilePerMap => maps.Select(m => new Text($"/project/maps/{m.Name}.dwmap", m.Text)),
            _ => SyntheticMapsProject.Maps(1_000).Select(m => new Text("/project/" + m.Path, m.Text)),
        });
        _texts = texts.ToImmutableArray();

        _compilation = CSharpCompilation.Create(
            "Bench",
            references: ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll"))
                .Select(p => MetadataReference.CreateFromFile(p))
                .Append(MetadataReference.CreateFromFile(typeof(IDualWriteMap).Assembly.Location)),
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The edited map is the last one of the project (of the one file, the last map in it).
        var target = _texts.Last();
        var text = target.GetText()!.ToString();
        var lastMap = text.LastIndexOf("\nmap ", StringComparison.Ordinal) + 1;
        _oneLine = (target, new Text(target.Path, text.Insert(EndOfFirstField(text, lastMap), " default \"x\"")));
        _comment = (target, new Text(target.Path, text.Insert(lastMap, "// a comment line\n")));

        var foSchema = _texts.Single(t => t.Path.EndsWith("fo.metadata.xml", StringComparison.Ordinal));
        var schemaText = foSchema.GetText()!.ToString();
        var firstProperty = schemaText.IndexOf("<Property ", StringComparison.Ordinal);
        _schema = (foSchema, new Text(foSchema.Path, schemaText.Insert(firstProperty, "<Property Name=\"BenchmarkAdded\" Type=\"Edm.String\" />\n        ")));
        _driver = CreateDriver().RunGenerators(_compilation);
    }

    [Benchmark(Description = "full run")]
    public GeneratorDriver FullRun() => CreateDriver().RunGenerators(_compilation);

    [Benchmark(Description = "one-line edit inside a map")]
    public GeneratorDriver OneLineEdit() => Toggle(_oneLine);

    [Benchmark(Description = "comment line above a map")]
    public GeneratorDriver CommentEdit() => Toggle(_comment);

    [Benchmark(Description = "F&O schema edit")]
    public GeneratorDriver SchemaEdit() => Toggle(_schema);

    private GeneratorDriver Toggle((AdditionalText Original, AdditionalText Edited) edit)
    {
        var (from, to) = _edited ? (edit.Edited, edit.Original) : (edit.Original, edit.Edited);
        _edited = !_edited;
        _driver = _driver.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
        return _driver;
    }

    private GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new[] { new DualWriteGenerator().AsSourceGenerator() },
        _texts,
        ParseOptions,
        new Options(),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    // The end of the first field mapping of the map at 'start': a line with an arrow after the map's own line, not its key.
    private static int EndOfFirstField(string text, int start)
    {
        for (var line = text.IndexOf('\n', start) + 1; line > 0; line = text.IndexOf('\n', line) + 1)
        {
            var end = text.IndexOf('\n', line);
            var content = text.Substring(line, end - line).Trim();
            if (content.Contains("->", StringComparison.Ordinal) && !content.StartsWith("key ", StringComparison.Ordinal))
            {
                return end;
            }
        }

        throw new InvalidOperationException("The map has no field mapping to edit.");
    }

    private static string WithoutHeader(string map) => Regex.Replace(map, @"^(//[^\n]*\n)?namespace [^\n]*\n", string.Empty);

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Global = new ProjectOptions();

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Global;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Global;

        private sealed class ProjectOptions : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = key switch
                {
                    "build_property.RootNamespace" => "Bench",
                    "build_property.ProjectDir" => "/project/",
                    _ => null!,
                };
                return value is not null;
            }
        }
    }
}
