using System;
using System.Threading.Tasks;
using DualWrite.LocalServices;

namespace DualWrite.Benchmarks.Tests;

/// <summary>The services' CPU time serving requests: the process's, less what its commands (the user's edits, the checks) spent.</summary>
public sealed class ServingCpuTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private TimeSpan processorTime;

    [Fact]
    public async Task Serving_time_is_the_process_time_less_its_commands()
    {
        var serving = new ServingCpu(() => processorTime);
        processorTime += 100 * Millisecond;
        var rows = await serving.ExcludingAsync(() => Command(300 * Millisecond, 7));
        processorTime += 50 * Millisecond;

        Assert.Equal(7, rows);
        Assert.Equal(150 * Millisecond, serving.Take(clear: false));
        Assert.Equal(150 * Millisecond, serving.Take(clear: false));
    }

    [Fact]
    public async Task A_clear_counts_from_then_commands_included()
    {
        var serving = new ServingCpu(() => processorTime);
        processorTime += 100 * Millisecond;
        await serving.ExcludingAsync(() => Command(300 * Millisecond, 0));

        Assert.Equal(100 * Millisecond, serving.Take(clear: true));
        processorTime += 20 * Millisecond;
        await serving.ExcludingAsync(() => Command(40 * Millisecond, 0));
        Assert.Equal(20 * Millisecond, serving.Take(clear: false));
    }

    [Fact]
    public async Task A_command_that_fails_is_not_counted_either()
    {
        var serving = new ServingCpu(() => processorTime);
        processorTime += 10 * Millisecond;

        await Assert.ThrowsAsync<InvalidOperationException>(() => serving.ExcludingAsync<int>(() =>
        {
            processorTime += 300 * Millisecond;
            throw new InvalidOperationException("refused");
        }));
        Assert.Equal(10 * Millisecond, serving.Take(clear: false));
    }

    private Task<int> Command(TimeSpan cpu, int rows)
    {
        processorTime += cpu;
        return Task.FromResult(rows);
    }
}
