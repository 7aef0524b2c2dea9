using System.Collections.Generic;

namespace DualWrite.Docs.Tests.Markdown;

/// <summary>What a code block's info string asks the test to do with it (see docs/contributing.md).</summary>
public enum SnippetKind
{
    /// <summary>A complete file: compiled with no errors; a C# program among them is also run.</summary>
    Complete,

    /// <summary>A complete C# program that is compiled but not run (it waits for a real service, or runs until stopped).</summary>
    NoRun,

    /// <summary>Must report the diagnostic named after <c>error</c> (an error, or a warning such as DW0019), and nothing else.</summary>
    Error,

    /// <summary>An excerpt of generated code: each of its lines is in a snapshot of the sample's generated code.</summary>
    Generated,

    /// <summary>Deliberately not a complete file (an API outline, part of a larger example); not compiled.</summary>
    Fragment,
}

/// <summary>One fenced code block of a Markdown file, in a language the test checks.</summary>
/// <param name="File">The Markdown file, relative to the repository root, with '/' separators.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language"><c>csharp</c> or <c>dwmap</c>.</param>
/// <param name="ExpectedDiagnostic">For <see cref="SnippetKind.Error"/>, the diagnostic ID it must report.</param>
public sealed record Snippet(string File, int Line, string Language, SnippetKind Kind, string? ExpectedDiagnostic, string Code)
{
    public string Id => $"{File}:{Line}";

    public override string ToString() => $"{Id} ({Language} {Kind})";
}

/// <summary>A fenced block whose info string the convention does not know.</summary>
public sealed record SnippetProblem(string File, int Line, string Message);

/// <summary>The snippets of the repository's documentation and the blocks that broke the convention.</summary>
public sealed record SnippetCatalog(IReadOnlyList<Snippet> Snippets, IReadOnlyList<SnippetProblem> Problems);
