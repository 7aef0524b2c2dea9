using System;
using DualWrite.Benchmarks.OverHttp;

namespace DualWrite.Benchmarks.Tests;

/// <summary>The limits' ceiling (its request, execution-time and F&amp;O terms), the machine's, and the share of the smaller.</summary>
public sealed class CeilingsTests
{
    // Run b's default: 600 requests and 15 s of execution per 30-second window per user, F&O unlimited.
    private static readonly ServiceLimits Limits = new(600, TimeSpan.FromSeconds(30), 0.5, null, TimeSpan.FromSeconds(1));

    [Fact]
    public void The_request_term_allows_a_thousand_changes_a_request_per_user()
    {
        Assert.Equal(20_000, Limits.Ceiling(), 6);
        Assert.Equal(60_000, Limits.Ceiling(users: 3), 6);
    }

    [Fact]
    public void The_execution_term_is_the_execution_rate_of_every_user_over_the_execution_per_change()
    {
        Assert.Equal(500, Limits.Ceiling(executionPerChange: TimeSpan.FromMilliseconds(1)), 6);
        Assert.Equal(1_000, Limits.Ceiling(users: 2, executionPerChange: TimeSpan.FromMilliseconds(1)), 6);

        // Light requests leave the request term to bind: 0.5 s per second over 10 µs a change is 50,000/s.
        Assert.Equal(20_000, Limits.Ceiling(executionPerChange: TimeSpan.FromTicks(100)), 6);
        Assert.Equal(20_000, Limits.Ceiling(executionPerChange: TimeSpan.Zero), 6);
    }

    [Fact]
    public void The_fo_term_allows_a_page_of_ten_thousand_rows_a_request()
    {
        var limits = Limits with { FoRequests = 1, FoWindow = TimeSpan.FromSeconds(4) };

        Assert.Equal(2_500, limits.Ceiling(), 6);
        Assert.Equal(500, limits.Ceiling(executionPerChange: TimeSpan.FromMilliseconds(1)), 6);
    }

    [Fact]
    public void The_physical_ceiling_is_the_cores_over_the_cpu_time_of_client_and_services_per_change()
    {
        var ceilings = Ceilings.Of(limits: null, clientCpu: TimeSpan.FromSeconds(1), servicesCpu: TimeSpan.FromSeconds(3), changes: 4_000);

        Assert.Equal(Environment.ProcessorCount * 1_000, ceilings.Physical, 6);
        Assert.Equal(ceilings.Physical, ceilings.Smaller);
        Assert.Equal("physical", ceilings.Bound);
    }

    [Fact]
    public void The_share_is_of_the_smaller_ceiling()
    {
        var limitsBind = new Ceilings(Limits: 500, Physical: 2_000);
        var machineBinds = new Ceilings(Limits: 3_000, Physical: 2_000);

        Assert.Equal((500, "limits"), (limitsBind.Smaller, limitsBind.Bound));
        Assert.Equal("limits 500/s, physical 2,000/s: 80 % of limits", limitsBind.Describe(400));
        Assert.Equal((2_000, "physical"), (machineBinds.Smaller, machineBinds.Bound));
        Assert.Equal("limits 3,000/s, physical 2,000/s: 50 % of physical", machineBinds.Describe(1_000));
        Assert.Equal("no limits, physical 2,000/s: 25 % of physical", new Ceilings(null, 2_000).Describe(500));
    }
}
