using System;
using System.Collections.Generic;
using System.Globalization;

namespace DualWrite.LocalOData.Limits;

/// <summary>
/// Admits or refuses requests by the per-user service protection limits and the service-wide resource limit, each over
/// a sliding window. Users are told apart by their bearer token, which stays in memory only. The error codes and
/// messages are those "Service protection API limits" documents
/// (https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#service-protection-api-limit-errors-returned).
/// A <c>$batch</c> is admitted once, as one request, whatever it holds: the same page says a batch of up to 1,000
/// operations "will avoid the number of requests limit", while its execution time counts in full.
/// </summary>
internal sealed class ServiceProtection
{
    private readonly object gate = new();
    private readonly ServiceProtectionLimits? limits;
    private readonly ResourceLimit? resource;
    private readonly TimeProvider time;
    private readonly Dictionary<string, UsageWindow> users = new(StringComparer.Ordinal);
    private readonly UsageWindow? everyone;
    private TimeSpan executed;

    public ServiceProtection(ServiceProtectionLimits? limits, ResourceLimit? resource, TimeProvider time)
    {
        this.limits = limits;
        this.resource = resource;
        this.time = time;
        everyone = resource is null ? null : new UsageWindow(resource.Window);
    }

    /// <summary>The combined execution time of every request admitted since it was last cleared, as the execution-time limit counts it.</summary>
    public TimeSpan Executed(bool clear)
    {
        lock (gate)
        {
            var total = executed;
            if (clear)
            {
                executed = TimeSpan.Zero;
            }

            return total;
        }
    }

    public Admission Admit(string user)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            everyone?.Slide(now);
            UsageWindow? usage = null;
            if (limits is not null)
            {
                if (!users.TryGetValue(user, out usage))
                {
                    usage = new UsageWindow(limits.Window);
                    users.Add(user, usage);
                }

                usage.Slide(now);
            }

            if (((usage is null ? null : UserRefusal(usage, now)) ?? ResourceRefusal(now)) is { } refusal)
            {
                return new Admission(refusal, Remaining(usage), TimeLeft(usage), null);
            }

            var requestsRemaining = Remaining(usage) - 1;
            var timeRemaining = TimeLeft(usage);
            var mine = usage?.Start(now);
            var all = everyone?.Start(now);
            var started = time.GetTimestamp();
            return new Admission(null, requestsRemaining, timeRemaining, () =>
            {
                var elapsed = time.GetElapsedTime(started);
                lock (gate)
                {
                    executed += elapsed;
                    if (mine is not null)
                    {
                        usage!.Finish(mine, elapsed);
                    }

                    if (all is not null)
                    {
                        everyone!.Finish(all, elapsed);
                    }
                }
            });
        }
    }

    private Refusal? UserRefusal(UsageWindow usage, DateTimeOffset now)
    {
        var seconds = ((int)limits!.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (usage.Count >= limits.RequestsPerWindow)
        {
            return new Refusal("0x80072322",
                $"Number of requests exceeded the limit of {limits.RequestsPerWindow} over time window of {seconds} seconds.",
                usage.UntilCountBelow(limits.RequestsPerWindow, now));
        }

        if (usage.Execution >= limits.ExecutionTimePerWindow)
        {
            var milliseconds = ((long)limits.ExecutionTimePerWindow.TotalMilliseconds).ToString("N0", CultureInfo.InvariantCulture);
            return new Refusal("0x80072321",
                $"Combined execution time of incoming requests exceeded limit of {milliseconds} milliseconds over time window of {seconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.",
                usage.UntilExecutionBelow(limits.ExecutionTimePerWindow, now));
        }

        if (usage.InFlight >= limits.ConcurrentRequests)
        {
            // The documentation gives no wait for this one; a second is the shortest Retry-After can say.
            return new Refusal("0x80072326", $"Number of concurrent requests exceeded the limit of {limits.ConcurrentRequests}.", TimeSpan.FromSeconds(1));
        }

        return null;
    }

    private Refusal? ResourceRefusal(DateTimeOffset now) =>
        everyone is not null && everyone.Count >= resource!.RequestsPerWindow
            ? new Refusal("TooManyRequests", "Too many requests: the service is busy. Retry after the time in the Retry-After header.",
                everyone.UntilCountBelow(resource.RequestsPerWindow, now))
            : null;

    private int? Remaining(UsageWindow? usage) => usage is null ? null : Math.Max(0, limits!.RequestsPerWindow - usage.Count);

    private TimeSpan? TimeLeft(UsageWindow? usage) =>
        usage is null ? null : TimeSpan.FromTicks(Math.Max(0, (limits!.ExecutionTimePerWindow - usage.Execution).Ticks));
}
