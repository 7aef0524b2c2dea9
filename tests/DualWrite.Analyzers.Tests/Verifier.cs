extern alias Abstractions;

using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DualWrite.Analyzers.Tests;

/// <summary>
/// A code-fix test that runs the DualWrite generator (whose diagnostics the fixes act on) and an analyzer,
/// with the sample schemas as AdditionalFiles and the attribute assembly referenced.
/// </summary>
public sealed class DualWriteFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public const string Header =
        "using DualWrite;\n" +
        "[assembly: DualWriteSchema(Side.Fo, \"schemas/fo.metadata.xml\")]\n" +
        "[assembly: DualWriteSchema(Side.Dataverse, \"schemas/dataverse.metadata.xml\")]\n";

    public DualWriteFixTest(string source, string fixedSource)
    {
        TestCode = Header + source;
        FixedCode = Header + fixedSource;
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        foreach (var state in new[] { TestState, FixedState })
        {
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Abstractions::DualWrite.DualWriteMapAttribute).Assembly.Location));
            state.AdditionalFiles.Add(("/0/schemas/fo.metadata.xml", File.ReadAllText(Path.Combine(Samples, "schemas", "fo.metadata.xml"))));
            state.AdditionalFiles.Add(("/0/schemas/dataverse.metadata.xml", File.ReadAllText(Path.Combine(Samples, "schemas", "dataverse.metadata.xml"))));
            state.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.ProjectDir = /0/\n"));
        }

        // The generated sources are checked by the generator's own tests.
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(DualWrite.Generator.DualWriteGenerator) };

    private static string Samples
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
                {
                    return Path.Combine(directory.FullName, "dsl-samples", "Contoso.Integration");
                }
            }

            throw new InvalidOperationException("DualWrite.Compiler.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
