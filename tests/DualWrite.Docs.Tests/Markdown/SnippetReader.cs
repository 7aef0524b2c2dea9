using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace DualWrite.Docs.Tests.Markdown;

/// <summary>
/// Reads the fenced code blocks of a Markdown file. A block's info string is its language and, for C# and
/// <c>.dwmap</c>, at most one marker: <c>no-run</c>, <c>fragment</c>, <c>generated</c> or <c>error &lt;ID&gt;</c>.
/// </summary>
public static partial class SnippetReader
{
    public static readonly IReadOnlyList<string> CheckedLanguages = new[] { "csharp", "dwmap" };

    public static (IReadOnlyList<Snippet> Snippets, IReadOnlyList<SnippetProblem> Problems) Read(string file, string markdown)
    {
        var snippets = new List<Snippet>();
        var problems = new List<SnippetProblem>();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var fence = open.Groups["fence"].Value;
            var info = open.Groups["info"].Value.Trim();
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !IsClosing(lines[i], fence); i++)
            {
                body.Add(Unindent(lines[i], indent));
            }

            var words = info.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var language = words.FirstOrDefault() ?? string.Empty;
            if (language is "cs" or "c#" or "C#")
            {
                problems.Add(new SnippetProblem(file, start + 1, $"write C# blocks as ```csharp, not ```{language}, so the snippet test finds them"));
                continue;
            }

            if (!CheckedLanguages.Contains(language))
            {
                continue;
            }

            var (kind, id, problem) = Classify(language, words.Skip(1).ToArray());
            if (problem is not null)
            {
                problems.Add(new SnippetProblem(file, start + 1, problem));
                continue;
            }

            snippets.Add(new Snippet(file, start + 1, language, kind, id, string.Join("\n", body) + "\n"));
        }

        return (snippets, problems);
    }

    private static (SnippetKind Kind, string? Id, string? Problem) Classify(string language, string[] markers) => markers switch
    {
        [] => (SnippetKind.Complete, null, null),
        ["fragment"] => (SnippetKind.Fragment, null, null),
        ["error", var id] when DiagnosticId().IsMatch(id) => (SnippetKind.Error, id, null),
        ["no-run"] when language == "csharp" => (SnippetKind.NoRun, null, null),
        ["generated"] when language == "csharp" => (SnippetKind.Generated, null, null),
        _ => (SnippetKind.Complete, null,
            $"unknown marker '{string.Join(' ', markers)}' on a {language} block; use one of: " +
            (language == "csharp" ? "no-run, fragment, generated, error <ID>" : "fragment, error <ID>") + " (docs/contributing.md)"),
    };

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.TrimEnd().All(c => c == fence[0]);
    }

    private static string Unindent(string line, int indent)
    {
        var spaces = line.TakeWhile(c => c == ' ').Count();
        return line.Substring(Math.Min(spaces, indent));
    }

    [GeneratedRegex(@"^(?<indent> *)(?<fence>```+|~~~+)(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^(DW|CS)\d{4}$")]
    private static partial Regex DiagnosticId();
}
