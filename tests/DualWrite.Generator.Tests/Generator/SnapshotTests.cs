using System;
using System.IO;
using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Generator;

/// <summary>
/// The generated code for the sample project, compared with the checked-in <c>Snapshots/*.verified.cs</c>.
/// Set DUALWRITE_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, then review the diff.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.TestProject, "Snapshots");

    private static bool Update => Environment.GetEnvironmentVariable("DUALWRITE_UPDATE_SNAPSHOTS") == "1";

    [Fact]
    public void Sample_project_generates_the_verified_code()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var run = GeneratorHarness.Run(texts, sources, rootNamespace: "Contoso.Integration");
        Assert.Empty(run.Result.Diagnostics);
        Assert.Empty(run.CompilationDiagnostics);

        var generated = run.GeneratedSources.ToDictionary(s => s.HintName.Replace(".g.cs", ".verified.cs"), s => s.Text);
        if (Update)
        {
            Directory.CreateDirectory(Folder);
            foreach (var stale in Directory.GetFiles(Folder, "*.verified.cs").Where(f => !generated.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (name, text) in generated)
            {
                File.WriteAllText(Path.Combine(Folder, name), text);
            }
        }

        var verified = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.verified.cs").Select(Path.GetFileName).ToHashSet() : new();
        Assert.Equal(verified.OrderBy(n => n, StringComparer.Ordinal), generated.Keys.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var (name, text) in generated)
        {
            var expected = File.ReadAllText(Path.Combine(Folder, name)).ReplaceLineEndings("\n");
            Assert.True(expected == text, $"{name} differs from its verified snapshot; run with DUALWRITE_UPDATE_SNAPSHOTS=1 and review the diff.\n{text}");
        }
    }

    [Fact]
    public void Generation_is_deterministic_whatever_the_order_of_files()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var forward = GeneratorHarness.Run(texts, sources, "Contoso.Integration").GeneratedSources.ToList();
        var backward = GeneratorHarness.Run(texts.Reverse().ToList(), sources, "Contoso.Integration").GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.Equal(forward.OrderBy(s => s.HintName, StringComparer.Ordinal), backward);
    }
}
