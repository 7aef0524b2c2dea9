using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using DualWrite.Generator;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.Cli.Commands.Check;

/// <summary>
/// Runs <see cref="DualWriteGenerator"/> the way the compiler does in a build, but in memory: the maps and schemas
/// as AdditionalFiles, the root namespace as the MSBuild property the generator reads, and the folder's C# so that
/// <c>via</c> methods resolve.
/// </summary>
public static class HeadlessCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The shared framework the tool itself runs on (not the tool's own dependencies, whose <c>System.*</c> names
    /// would otherwise leak into the user's compilation) and DualWrite.Abstractions, which generated maps implement.
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(DualWrite.IDualWriteMap).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>
    /// The generator's run: its diagnostics and generated sources. The compiler's own diagnostics about the user's C#
    /// are left out on purpose: a folder checked without its packages would report errors a build does not.
    /// </summary>
    public static GeneratorRunResult Run(MapFolder folder, ProjectSettings settings, CancellationToken cancellationToken = default)
    {
        var additionalTexts = folder.Maps.Concat(folder.Schemas).Select(path => (AdditionalText)new FileText(path)).ToImmutableArray();
        var driver = CSharpGeneratorDriver.Create(
            [new DualWriteGenerator().AsSourceGenerator()],
            additionalTexts,
            ParseOptions,
            new OptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = settings.RootNamespace }));

        return driver.RunGenerators(Compilation(folder, settings, cancellationToken), cancellationToken).GetRunResult().Results.Single();
    }

    /// <summary>
    /// The folder's .dwmap maps as the generator binds them (company scope and key resolved, inferred ones included),
    /// from the same inputs as its pipeline: the schemas the maps declare, every file's declarations, the <c>via</c>
    /// methods of the folder's C#. Maps with errors have no model.
    /// </summary>
    internal static IReadOnlyList<MapModel> BoundMaps(MapFolder folder, ProjectSettings settings, CancellationToken cancellationToken = default)
    {
        var files = folder.Maps.Select(path => DwmapParser.Parse(path, ReadText(path).ToString(), cancellationToken)).ToList();
        var loaded = folder.Schemas
            .Select(path => new LoadedSchema(SchemaDeclarations.Normalize(path), CsdlReader.Read(path, ReadText(path).ToString(), cancellationToken)))
            .ToList();
        var schemas = LoadedSchema.Pick(loaded, SchemaDeclarations.FirstPerSide(files.Select(SchemaDeclarations.Of)));
        var declarations = DeclarationIndex.Merge(files.Select(f => DeclarationIndex.Of(f, settings.RootNamespace)));
        var viaMethods = ViaMethodResolver.Resolve(ViaNames.Merge(files.Select(ViaNames.Of)), Compilation(folder, settings, cancellationToken), cancellationToken);
        return files.SelectMany(f => FileBinder.Bind(f, schemas, declarations, viaMethods, settings.RootNamespace, cancellationToken: cancellationToken).Maps).ToList();
    }

    private static CSharpCompilation Compilation(MapFolder folder, ProjectSettings settings, CancellationToken cancellationToken)
    {
        var trees = folder.Sources
            .Select(path => CSharpSyntaxTree.ParseText(ReadText(path), ParseOptions, path, cancellationToken))
            .Append(CSharpSyntaxTree.ParseText(string.Join(Environment.NewLine, settings.GlobalUsings), ParseOptions, "GlobalUsings.g.cs", cancellationToken: cancellationToken));
        return CSharpCompilation.Create(
            "DualWrite.Check",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Detects the encoding from a byte-order mark, as the compiler does for AdditionalFiles.</summary>
    private static SourceText ReadText(string path)
    {
        using var stream = File.OpenRead(path);
        return SourceText.From(stream);
    }

    private sealed class FileText(string path) : AdditionalText
    {
        private readonly Lazy<SourceText> text = new(() => ReadText(path));

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text.Value;
    }

    private sealed class OptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, out string value)
            {
                var found = values.TryGetValue(key, out var result);
                value = result ?? string.Empty;
                return found;
            }
        }
    }
}
