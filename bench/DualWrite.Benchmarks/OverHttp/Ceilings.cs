using System;
using System.Globalization;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// The two ceilings a run's rate is held against, as the issue asks ("the ceiling those limits allow (the physical
/// limit here)"): what the configured service limits allow (none without limits), and what this machine allows, its
/// cores divided by the CPU time a change costs the client and the services together (both processes share the
/// cores). The smaller binds, and the share is of it. The physical ceiling assumes the cores are the run's alone: on a
/// loaded machine it is higher than what the run could get, so read it with the load average beside it.
/// </summary>
internal sealed record Ceilings(double? Limits, double Physical)
{
    public static Ceilings Of(double? limits, TimeSpan clientCpu, TimeSpan servicesCpu, int changes) =>
        new(limits, Environment.ProcessorCount / ((clientCpu + servicesCpu).TotalSeconds / changes));

    public double Smaller => Limits is { } limits ? Math.Min(limits, Physical) : Physical;

    public string Bound => Limits is { } limits && limits <= Physical ? "limits" : "physical";

    /// <summary>"limits 375/s, physical 1,020/s: 81 % of limits".</summary>
    public string Describe(double rate) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Limits is { } limits ? $"limits {limits:N0}/s" : "no limits")}, physical {Physical:N0}/s: {rate / Smaller:P0} of {Bound}");
}
