using System;
using System.Globalization;
using System.Threading.Tasks;

namespace DualWrite.Testing;

/// <summary>
/// The seed of a randomized test: <c>DUALWRITE_TEST_SEED</c> when set (to rerun a failure), else a fresh one. A failure
/// names the seed it ran with. A source file linked into each test project that randomizes.
/// </summary>
internal static class TestSeed
{
    public const string Variable = "DUALWRITE_TEST_SEED";

    public static int Next() =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();

    /// <summary>Runs <paramref name="test"/> with a seed, and fails with the seed in the message when it fails.</summary>
    public static void Run(Action<int> test)
    {
        var seed = Next();
        try
        {
            test(seed);
        }
        catch (Exception exception)
        {
            throw new SeededTestFailure(seed, exception);
        }
    }

    /// <inheritdoc cref="Run"/>
    public static async Task RunAsync(Func<int, Task> test)
    {
        var seed = Next();
        try
        {
            await test(seed);
        }
        catch (Exception exception)
        {
            throw new SeededTestFailure(seed, exception);
        }
    }

    private sealed class SeededTestFailure(int seed, Exception inner)
        : Exception($"Failed with seed {seed}; rerun with {Variable}={seed}. {inner.Message}", inner);
}
