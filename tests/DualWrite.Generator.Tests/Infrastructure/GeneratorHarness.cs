extern alias Abstractions;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="DualWriteGenerator"/> over in-memory files, the way the compiler does in a build.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Abstractions::DualWrite.IDualWriteMap).Assembly.Location))
            .ToImmutableArray());

    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    /// <summary>The project directory attribute-form tests hand the generator (<c>build_property.ProjectDir</c>).</summary>
    public const string ProjectDirectory = "/project/";

    /// <summary>The path of the <paramref name="index"/>th C# source of <see cref="CreateCompilation"/>.</summary>
    public static string SourcePath(int index) => ProjectDirectory + $"Source{index}.cs";

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, string assemblyName = "Tests") => CSharpCompilation.Create(
        assemblyName,
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: SourcePath(i))),
        MetadataReferences,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <param name="trackSteps">Whether the run records every step's inputs and outputs (the incrementality tests read them); it costs time.</param>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalTexts, string? rootNamespace = "Tests", bool trackSteps = true) => CSharpGeneratorDriver.Create(
        new[] { new DualWriteGenerator().AsSourceGenerator() },
        additionalTexts,
        ParseOptions,
        new TestOptionsProvider(rootNamespace is null
            ? new Dictionary<string, string> { ["build_property.ProjectDir"] = ProjectDirectory }
            : new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace, ["build_property.ProjectDir"] = ProjectDirectory }),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once and compiles its output with the given C# sources.</summary>
    public static GeneratorRun Run(IEnumerable<AdditionalText> additionalTexts, IEnumerable<string>? sources = null, string? rootNamespace = "Tests")
    {
        var compilation = CreateCompilation(sources ?? Array.Empty<string>());
        var driver = CreateDriver(additionalTexts, rootNamespace).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, compilation, output, generatorDiagnostics);
    }

    /// <summary>
    /// The sample project's maps, schemas and C# sources, all under <see cref="ProjectDirectory"/> so that
    /// path order (which decides declaration order among independent maps) does not depend on where the
    /// repository is checked out.
    /// </summary>
    public static (IReadOnlyList<AdditionalText> Texts, IReadOnlyList<string> Sources) SampleInputs()
    {
        var root = RepoPaths.Samples;
        var texts = Directory.GetFiles(Path.Combine(root, "maps"), "*.dwmap")
            .Concat(Directory.GetFiles(Path.Combine(root, "schemas"), "*.xml"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new InMemoryAdditionalText(ProjectDirectory + Path.GetRelativePath(root, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
        var sources = Directory.GetFiles(root, "*.cs").Concat(Directory.GetFiles(Path.Combine(root, "maps"), "*.cs")).Concat(Directory.GetFiles(Path.Combine(root, "Entities"), "*.cs"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        return (texts, sources);
    }
}

/// <summary>The result of one generator run.</summary>
public sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public IEnumerable<(string HintName, string Text)> GeneratedSources =>
        Result.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString()));

    /// <summary>Errors and warnings of compiling the user's code with the generated code.</summary>
    public IEnumerable<Diagnostic> CompilationDiagnostics => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
