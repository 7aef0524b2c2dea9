using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>An expected diagnostic: ID, file, and span (offset and length).</summary>
public sealed record ExpectedDiagnostic(string Id, string Path, int Start, int Length)
{
    public override string ToString() => $"{Id} {System.IO.Path.GetFileName(Path)}[{Start}..{Start + Length})";
}

/// <summary>Asserts that a run reported exactly the expected diagnostics: every one, at its span, and no others.</summary>
public static class DiagnosticAssert
{
    public static void Exactly(IEnumerable<Diagnostic> actual, IEnumerable<ExpectedDiagnostic> expected)
    {
        var actualList = actual
            .Select(d => new ExpectedDiagnostic(d.Id, d.Location.GetLineSpan().Path ?? string.Empty, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var expectedList = expected
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        if (actualList.SequenceEqual(expectedList))
        {
            return;
        }

        var messages = actual.Select(d => $"  {d.Id} {System.IO.Path.GetFileName(d.Location.GetLineSpan().Path)}[{d.Location.SourceSpan.Start}..{d.Location.SourceSpan.End}) {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        throw new XunitException(
            "Diagnostics differ.\nExpected:\n" + string.Join("\n", expectedList.Select(e => "  " + e)) +
            "\nActual:\n" + string.Join("\n", messages));
    }
}
