using DualWrite.Docs.Tests.Markdown;

namespace DualWrite.Docs.Tests;

/// <summary>The checks themselves: a broken snippet fails, and a marker means what docs/contributing.md says.</summary>
public sealed class SnippetVerifierTests
{
    private const string Map = """
        map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
          key CustomerGroupId <-> msdyn_groupid
          CustomerGroupId <-> msdyn_groupid
          Description     <-> msdyn_description
        }
        """;

    [Fact]
    public void A_correct_dwmap_holds() => Assert.Empty(SnippetVerifier.Verify(Dwmap(Map, "dwmap")));

    [Fact]
    public void A_misspelt_column_fails() =>
        Assert.Contains(SnippetVerifier.Verify(Dwmap(Map.Replace("msdyn_description", "msdyn_descripton"), "dwmap")), p => p.Contains("DW0003"));

    [Fact]
    public void An_error_snippet_must_report_its_diagnostic()
    {
        Assert.Empty(SnippetVerifier.Verify(Dwmap(Map.Replace("msdyn_description", "msdyn_descripton"), "dwmap error DW0003")));
        Assert.NotEmpty(SnippetVerifier.Verify(Dwmap(Map, "dwmap error DW0003")));
        Assert.NotEmpty(SnippetVerifier.Verify(Dwmap(Map.Replace("msdyn_description", "msdyn_descripton"), "dwmap error DW0002")));
    }

    [Fact]
    public void A_csharp_program_that_fails_to_compile_fails() =>
        Assert.NotEmpty(SnippetVerifier.Verify(CSharp("System.Console.WriteLine(Undeclared);\n")));

    [Fact]
    public void A_csharp_program_is_run_and_its_exit_code_counts()
    {
        Assert.Empty(SnippetVerifier.Verify(CSharp("return System.IO.File.Exists(\"schemas/fo.metadata.xml\") ? 0 : 3;\n")));
        Assert.Contains(SnippetVerifier.Verify(CSharp("return 3;\n")), p => p.Contains("exited with 3"));
    }

    [Fact]
    public void A_generated_excerpt_must_be_in_the_snapshots()
    {
        var snippet = Read("```csharp generated\npublic static partial class CustomersMap\nint NotGenerated;\n```\n")[0];
        Assert.Equal(new[] { "not in any snapshot of the generated code: int NotGenerated;" }, SnippetVerifier.Verify(snippet));
    }

    [Fact]
    public void An_unknown_marker_is_a_problem()
    {
        var (snippets, problems) = SnippetReader.Read("x.md", "```csharp fragmnet\nint x;\n```\n```cs\nint y;\n```\n");
        Assert.Empty(snippets);
        Assert.Equal(2, problems.Count);
    }

    private static Snippet Dwmap(string code, string info) => Read($"```{info}\n{code}\n```\n")[0];

    private static Snippet CSharp(string code) => Read($"```csharp\n{code}```\n")[0];

    private static System.Collections.Generic.IReadOnlyList<Snippet> Read(string markdown) => SnippetReader.Read("test.md", markdown).Snippets;
}
