using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Hosting.Tests.Support;

internal static class Waiting
{
    // Waits for the background loop without asserting on time: the bound only keeps a broken loop from hanging the run.
    public static async Task<bool> Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
