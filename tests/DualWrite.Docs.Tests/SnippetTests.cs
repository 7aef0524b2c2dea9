using System.Linq;
using DualWrite.Docs.Tests.Markdown;

namespace DualWrite.Docs.Tests;

/// <summary>Every C# and .dwmap block of README.md and docs/ holds as its info string says (docs/contributing.md).</summary>
public sealed class SnippetTests
{
    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var snippet in DocumentationFiles.Snippets.Snippets)
        {
            data.Add(snippet.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_holds(string id)
    {
        var snippet = DocumentationFiles.Snippets.Snippets.Single(s => s.Id == id);
        var problems = SnippetVerifier.Verify(snippet);
        Assert.True(problems.Count == 0, $"{snippet}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_code_block_follows_the_convention()
    {
        var problems = DocumentationFiles.Snippets.Problems;
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => $"{p.File}:{p.Line}: {p.Message}")));
    }

    [Fact]
    public void The_readme_quick_start_is_compiled_and_a_guide_runs_a_program()
    {
        var snippets = DocumentationFiles.Snippets.Snippets;
        Assert.Contains(snippets, s => s.File == "README.md" && s.Language == "csharp" && s.Kind is SnippetKind.Complete or SnippetKind.NoRun);
        Assert.Contains(snippets, s => s.File == "docs/getting-started.md" && s.Language == "csharp" && s.Kind == SnippetKind.Complete);
    }
}
