using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace DualWrite.LocalServices;

/// <summary>
/// The CPU time this process spent serving requests: its whole CPU time (every thread) less what the commands spent
/// while they ran, since a command's rows are a user's edits or a check, not the services' work for the client. A
/// request served while a command runs is left out with it, so the figure errs low, never high.
/// </summary>
internal sealed class ServingCpu
{
    private readonly object gate = new();
    private readonly Func<TimeSpan> processorTime;
    private TimeSpan sinceClear;
    private TimeSpan inCommands;

    /// <param name="processorTime">The process's CPU time so far; by default <see cref="Process.TotalProcessorTime"/> (tests give their own).</param>
    public ServingCpu(Func<TimeSpan>? processorTime = null)
    {
        this.processorTime = processorTime ?? ProcessTotal;
        sinceClear = this.processorTime();
    }

    /// <summary>Runs <paramref name="command"/>, its CPU time not counted as serving.</summary>
    public async Task<T> ExcludingAsync<T>(Func<Task<T>> command)
    {
        var started = processorTime();
        try
        {
            return await command().ConfigureAwait(false);
        }
        finally
        {
            var spent = processorTime() - started;
            lock (gate)
            {
                inCommands += spent;
            }
        }
    }

    /// <summary>The serving CPU time since the last clear; <paramref name="clear"/> starts counting again from now.</summary>
    public TimeSpan Take(bool clear)
    {
        var now = processorTime();
        lock (gate)
        {
            var serving = now - sinceClear - inCommands;
            if (clear)
            {
                (sinceClear, inCommands) = (now, TimeSpan.Zero);
            }

            return serving < TimeSpan.Zero ? TimeSpan.Zero : serving;
        }
    }

    private static TimeSpan ProcessTotal()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
