using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DualWrite.Runtime.Tests;

/// <summary>The runtime never blocks a thread on a task: every wait on I/O is an await, so a host's token can cancel it.</summary>
public sealed partial class ProductSourceTests
{
    // Result properties that are no task's: Polly's outcome, a one-sided pass's counts.
    private static readonly string[] NotTasks = ["Outcome.Result", "outcome.Result", "pass.Result"];

    [Fact]
    public void No_product_code_blocks_on_a_task()
    {
        var runtime = Path.Combine(RepositoryRoot(), "runtime");
        var blocking = Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: Path.GetRelativePath(runtime, file), Line: index + 1, Text: line)))
            .Where(line => !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && Blocks(line.Text))
            .Select(line => $"{line.File}:{line.Line}: {line.Text.Trim()}")
            .ToList();

        Assert.True(blocking.Count == 0, "These lines block on a task:\n" + string.Join("\n", blocking));
    }

    private static bool Blocks(string line) =>
        BlockingCall().IsMatch(line) || (ResultRead().Matches(line).Any(m => !NotTasks.Any(allowed => m.Value.EndsWith(allowed, StringComparison.Ordinal))));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (DualWrite.Compiler.sln) is not above the test's folder.");
    }

    [GeneratedRegex(@"\.GetAwaiter\(\)\s*\.GetResult\(\)|\.Wait\(\s*\)|\.Wait\(\s*(TimeSpan|[0-9]|cancellationToken)|\.WaitAll\(")]
    private static partial Regex BlockingCall();

    [GeneratedRegex(@"[\w\)\]]+\.Result\b(?!\s*=[^=>])")]
    private static partial Regex ResultRead();
}
