using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using DualWrite.Docs.Tests.Compiling;
using DualWrite.Docs.Tests.Markdown;
using Microsoft.CodeAnalysis;

namespace DualWrite.Docs.Tests;

/// <summary>Checks one snippet as its info string asks; returns what is wrong with it, nothing when it holds.</summary>
public static class SnippetVerifier
{
    public static IReadOnlyList<string> Verify(Snippet snippet)
    {
        switch (snippet.Kind)
        {
            case SnippetKind.Fragment:
                return Array.Empty<string>();
            case SnippetKind.Generated:
                return GeneratedExcerpts.Unmatched(snippet.Code).Select(line => "not in any snapshot of the generated code: " + line).ToList();
        }

        var assemblyName = "Snippet_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(snippet.Id)))[..12];
        var build = snippet.Language == "dwmap"
            ? SnippetCompiler.Dwmap(snippet.Code, assemblyName)
            : SnippetCompiler.CSharp(snippet.Code, assemblyName);
        var problems = build.Problems;
        if (snippet.Kind == SnippetKind.Error)
        {
            return ExpectedError(snippet.ExpectedDiagnostic!, build.Reported, problems);
        }

        if (problems.Count > 0)
        {
            return problems.Select(Describe).ToList();
        }

        if (snippet.Kind == SnippetKind.Complete && build.Output.Options.OutputKind == OutputKind.ConsoleApplication)
        {
            var (exitCode, output) = ProgramRunner.Run(build.Output);
            if (exitCode != 0)
            {
                return new[] { $"the program exited with {exitCode}:\n{output}" };
            }
        }

        return Array.Empty<string>();
    }

    // The expected diagnostic may be a warning (DW0019, DW0022, DW0024) or an info (DW0016 for a lookup cycle); any
    // other error or warning is a failure.
    private static IReadOnlyList<string> ExpectedError(string id, IReadOnlyList<Diagnostic> reported, IReadOnlyList<Diagnostic> problems)
    {
        var result = new List<string>();
        if (!reported.Any(d => d.Id == id))
        {
            result.Add($"expected {id}, which was not reported" + (problems.Count == 0 ? string.Empty : "; reported: " + string.Join("; ", problems.Select(Describe))));
        }

        result.AddRange(problems.Where(d => d.Id != id).Select(d => $"only {id} is expected, also reported: {Describe(d)}"));
        return result;
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan();
        return $"({line.StartLinePosition.Line + 1},{line.StartLinePosition.Character + 1}) {diagnostic.Id}: {diagnostic.GetMessage()}";
    }
}
