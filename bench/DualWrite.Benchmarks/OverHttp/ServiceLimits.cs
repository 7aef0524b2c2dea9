using System;
using System.Collections.Generic;
using System.Globalization;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// The service protection limits a run configures on the local services, and the ceiling they put on changes per
/// second: each Dataverse write request carries at most 1,000 changes (the most a <c>$batch</c> or a bulk message
/// holds), each F&amp;O read request at most a page of 10,000 changed rows, and the service's execution time per change
/// (measured) spends the execution-time limit. Reads of target rows, delta pages and retries are extra requests, so the
/// ceiling is what a client that needed no other request would reach.
/// </summary>
/// <param name="DataverseRequests">Requests per user in <paramref name="DataverseWindow"/>.</param>
/// <param name="DataverseWindow">The sliding window.</param>
/// <param name="ExecutionPerSecond">Combined execution time allowed per user, as seconds of execution per second of the window (published: 1,200 s per 300 s, 4).</param>
/// <param name="FoRequests">F&amp;O's resource limit: requests of all users in <paramref name="FoWindow"/>; null for none.</param>
/// <param name="FoWindow">Its sliding window.</param>
internal sealed record ServiceLimits(int DataverseRequests, TimeSpan DataverseWindow, double ExecutionPerSecond, int? FoRequests, TimeSpan FoWindow)
{
    public const int ChangesPerWrite = 1000;

    public const int RowsPerPage = 10_000;

    /// <summary>Dataverse's published execution-time rate: 1,200 s of combined execution per user in 300 s.</summary>
    public const double PublishedExecutionPerSecond = 1200.0 / 300;

    /// <summary>
    /// Run b's default: Dataverse's published request rate (6,000 requests per user in 300 s, 20 a second) over a
    /// 30-second window, and an eighth of the published execution time (0.5 s per second). At the published 4 s per
    /// second the limits allow about 3,000 changes/s here, above what this machine's two cores serve (about 1,000/s), so
    /// they would never bind; at an eighth they allow a few hundred, below it. The window is no shorter because the
    /// services admit a request while the finished ones' execution is under the budget, so the requests in flight (one
    /// per lane, up to a second each on a loaded machine) overrun it: against a 2-second window's 1 s budget a run
    /// reached 131 % of this ceiling, while four lanes' requests in flight are a small part of 15 s of budget.
    /// </summary>
    public static ServiceLimits BindingHere { get; } = new(600, TimeSpan.FromSeconds(30), PublishedExecutionPerSecond / 8, null, TimeSpan.FromSeconds(1));

    /// <summary>The local services' command line that sets these limits.</summary>
    public IEnumerable<string> Arguments()
    {
        yield return "--dataverse-requests";
        yield return Text(DataverseRequests);
        yield return "--dataverse-window";
        yield return Text(DataverseWindow.TotalSeconds);
        yield return "--dataverse-execution";
        yield return Text(DataverseWindow.TotalSeconds * ExecutionPerSecond);
        if (FoRequests is { } foRequests)
        {
            yield return "--fo-requests";
            yield return Text(foRequests);
            yield return "--fo-window";
            yield return Text(FoWindow.TotalSeconds);
        }
    }

    /// <summary>
    /// Changes per second the limits allow when <paramref name="users"/> users (one per host) each have Dataverse's: the
    /// request limit at 1,000 changes a request, and, when <paramref name="executionPerChange"/> (the service's execution
    /// time per change, as measured) is given, the execution-time limit, which binds first when requests are heavy.
    /// </summary>
    public double Ceiling(int users = 1, TimeSpan? executionPerChange = null) => Math.Min(
        Math.Min(
            DataverseRequests / DataverseWindow.TotalSeconds * users * ChangesPerWrite,
            executionPerChange is { } execution && execution > TimeSpan.Zero ? ExecutionPerSecond * users / execution.TotalSeconds : double.PositiveInfinity),
        FoRequests is { } foRequests ? foRequests / FoWindow.TotalSeconds * RowsPerPage : double.PositiveInfinity);

    public override string ToString() =>
        $"Dataverse {Text(DataverseRequests)} requests and {Text(ExecutionPerSecond * DataverseWindow.TotalSeconds)} s of execution per {Text(DataverseWindow.TotalSeconds)} s per user, " +
        (FoRequests is { } foRequests ? $"F&O {Text(foRequests)} per {Text(FoWindow.TotalSeconds)} s" : "F&O unlimited");

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
