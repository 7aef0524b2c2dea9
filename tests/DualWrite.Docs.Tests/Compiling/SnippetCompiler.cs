extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using DualWrite.Docs.Tests.Markdown;
using DualWrite.Generator.Tests.Infrastructure;
using GeneratorAssembly::DualWrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualWrite.Docs.Tests.Compiling;

/// <summary>
/// Compiles a snippet as a project of its own would be: the DualWrite generator runs over it with the sample's
/// schemas, and the result is compiled against the repository's assemblies (runtime, hosting, connectors, the sample's
/// generated maps) and the packages they bring.
/// </summary>
public static class SnippetCompiler
{
    /// <summary>The project directory the generator is handed; the sample schemas lie in its <c>schemas/</c> folder.</summary>
    public const string ProjectDirectory = "/project/";

    /// <summary>The root namespace of a snippet's project: a <c>.dwmap</c> without <c>namespace</c> generates into it.</summary>
    public const string RootNamespace = "Snippets";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // Everything the test itself runs on, except the generator and the test's own tooling: a snippet sees what a
    // user's project referencing the packages sees.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !IsTooling(Path.GetFileNameWithoutExtension(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static string SchemasFolder => Path.Combine(DocumentationFiles.Root, "dsl-samples", "Contoso.Integration", "schemas");

    public static SnippetBuild CSharp(string code, string assemblyName)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, path: ProjectDirectory + "Snippet.cs");
        var isProgram = tree.GetCompilationUnitRoot().Members.Any(m => m is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax);
        var declaresMaps = code.Contains("[assembly: DualWriteSchema", StringComparison.Ordinal) || code.Contains("[DualWriteMap", StringComparison.Ordinal);
        var trees = declaresMaps ? new[] { tree, SampleHelpers() } : new[] { tree };
        return Generate(Create(assemblyName, trees, isProgram, withSampleMaps: !declaresMaps), SchemaTexts());
    }

    /// <summary>
    /// A <c>.dwmap</c> snippet with the sample schemas. Without <c>schema</c> lines of its own it gets the sample's; with
    /// them it lies where their paths lead (<c>../schemas/…</c> from a <c>maps/</c> folder, as in the sample).
    /// </summary>
    public static SnippetBuild Dwmap(string code, string assemblyName)
    {
        var declaresSchemas = code.Split('\n').Any(line => line.TrimStart().StartsWith("schema ", StringComparison.Ordinal));
        var folder = code.Contains("\"../schemas/", StringComparison.Ordinal) ? ProjectDirectory + "maps/" : ProjectDirectory;
        var texts = SchemaTexts().Append(new InMemoryAdditionalText(folder + "snippet.dwmap", code));
        if (!declaresSchemas)
        {
            texts = texts.Append(new InMemoryAdditionalText(ProjectDirectory + "schemas.dwmap",
                "schema fo \"schemas/fo.metadata.xml\"\nschema dataverse \"schemas/dataverse.metadata.xml\"\n"));
        }

        return Generate(Create(assemblyName, new[] { SampleHelpers() }, isProgram: false, withSampleMaps: false), texts);
    }

    // A snippet that declares maps is a maps project of its own: it compiles without the sample's generated maps (whose
    // names it may reuse), but with the sample's C# helpers that 'via' names (Contoso.Integration.Text.TitleCase).
    private static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> trees, bool isProgram, bool withSampleMaps) => CSharpCompilation.Create(
        assemblyName,
        trees,
        withSampleMaps ? References.Value : References.Value.Where(r => Path.GetFileName(r.Display) != "Contoso.Integration.dll"),
        new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static SnippetBuild Generate(Compilation compilation, IEnumerable<AdditionalText> texts)
    {
        CSharpGeneratorDriver.Create(
                new[] { new DualWriteGenerator().AsSourceGenerator() },
                texts,
                ParseOptions,
                new TestOptionsProvider(new Dictionary<string, string>
                {
                    ["build_property.RootNamespace"] = RootNamespace,
                    ["build_property.ProjectDir"] = ProjectDirectory,
                }))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new SnippetBuild(output, generatorDiagnostics);
    }

    private static SyntaxTree SampleHelpers() => CSharpSyntaxTree.ParseText(
        File.ReadAllText(Path.Combine(DocumentationFiles.Root, "dsl-samples", "Contoso.Integration", "Text.cs")),
        ParseOptions,
        path: ProjectDirectory + "Text.cs");

    private static IEnumerable<AdditionalText> SchemaTexts() =>
        Directory.GetFiles(SchemasFolder, "*.xml")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new InMemoryAdditionalText(ProjectDirectory + "schemas/" + Path.GetFileName(p), File.ReadAllText(p)));

    private static bool IsTooling(string name) =>
        name is "DualWrite.Generator" or "DualWrite.Docs.Tests" or "Sprache" or "testhost"
        || name.StartsWith("xunit", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.TestPlatform", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.VisualStudio", StringComparison.Ordinal);
}

/// <summary>A snippet compiled with what the generator made of it.</summary>
public sealed record SnippetBuild(Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>Every diagnostic of the generator and of compiling its output with the snippet, infos included.</summary>
    public IReadOnlyList<Diagnostic> Reported => GeneratorDiagnostics.Concat(Output.GetDiagnostics()).ToList();

    /// <summary>The errors and warnings among <see cref="Reported"/>.</summary>
    public IReadOnlyList<Diagnostic> Problems => Reported.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
