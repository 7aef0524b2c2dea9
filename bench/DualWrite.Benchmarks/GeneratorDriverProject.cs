using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using DualWrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.Benchmarks;

/// <summary>
/// A project of maps as Roslyn's generator driver sees it in the IDE: the out-of-box schemas, the maps as additional
/// texts (in one file, or one file per map), an empty compilation, and three edits of it, each a pair of texts to
/// alternate between: <c>default "x"</c> appended to the first field of the last map, a comment line above the last
/// map, a property added to the F&amp;O schema. <see cref="GeneratorDriverBenchmarks"/> and
/// <see cref="GeneratorEditMeasurement"/> run it.
/// </summary>
internal sealed class GeneratorDriverProject
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private GeneratorDriverProject(ImmutableArray<AdditionalText> texts)
    {
        Texts = texts;
        Compilation = CSharpCompilation.Create(
            "Bench",
            references: ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll"))
                .Select(p => MetadataReference.CreateFromFile(p))
                .Append(MetadataReference.CreateFromFile(typeof(IDualWriteMap).Assembly.Location)),
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The edited map is the last one of the project (of the one file, the last map in it).
        var target = Texts.Last();
        var text = target.GetText()!.ToString();
        var lastMap = text.LastIndexOf("\nmap ", StringComparison.Ordinal) + 1;
        OneLineEdit = new Edit(target, new Text(target.Path, text.Insert(EndOfFirstField(text, lastMap), " default \"x\"")));
        CommentEdit = new Edit(target, new Text(target.Path, text.Insert(lastMap, "// a comment line\n")));

        var foSchema = Texts.Single(t => t.Path.EndsWith("fo.metadata.xml", StringComparison.Ordinal));
        var schemaText = foSchema.GetText()!.ToString();
        var firstProperty = schemaText.IndexOf("<Property ", StringComparison.Ordinal);
        SchemaEdit = new Edit(foSchema, new Text(foSchema.Path, schemaText.Insert(firstProperty, "<Property Name=\"BenchmarkAdded\" Type=\"Edm.String\" />\n        ")));
    }

    public ImmutableArray<AdditionalText> Texts { get; }

    public Compilation Compilation { get; }

    public Edit OneLineEdit { get; }

    public Edit CommentEdit { get; }

    public Edit SchemaEdit { get; }

    /// <summary>The out-of-box maps, all in one file.</summary>
    public static GeneratorDriverProject OutOfBoxOneFile() => new(WithSchemas(new[]
    {
        new Text("/project/maps/all.dwmap", "namespace OutOfBox\n" + string.Concat(SyntheticMapsProject.OutOfBoxMaps().Select(m => WithoutHeader(m.Text)))),
    }));

    /// <summary><paramref name="count"/> maps, one file per map (<see cref="SyntheticMapsProject.Maps"/>: the out-of-box maps first, then renamed copies).</summary>
    public static GeneratorDriverProject FilePerMap(int count) =>
        new(WithSchemas(SyntheticMapsProject.Maps(count).Select(m => new Text("/project/" + m.Path, m.Text))));

    public GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new DualWriteGenerator().AsSourceGenerator() },
        Texts,
        ParseOptions,
        new Options(),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static ImmutableArray<AdditionalText> WithSchemas(IEnumerable<Text> maps) =>
        SyntheticMapsProject.Schemas().Select(s => new Text("/project/" + s.Path, s.Text)).Concat(maps).ToImmutableArray<AdditionalText>();

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

    /// <summary>An edit as two texts of one file; each <see cref="Apply"/> switches the driver to the other one, so every run sees a real change.</summary>
    internal sealed class Edit(AdditionalText original, AdditionalText edited)
    {
        private bool _edited;

        public GeneratorDriver Apply(GeneratorDriver driver)
        {
            var (from, to) = _edited ? (edited, original) : (original, edited);
            _edited = !_edited;
            return driver.ReplaceAdditionalText(from, to);
        }

        /// <summary>For a new driver, which holds the original text.</summary>
        public void Reset() => _edited = false;
    }

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
