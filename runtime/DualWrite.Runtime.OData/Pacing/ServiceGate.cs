using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Pacing;

/// <summary>
/// Every attempt to one service passes here, whichever lane sends it, so the connector obeys the service as one client:
/// <list type="bullet">
/// <item>A refusal with <c>Retry-After</c> (429, or 503 with the header) closes the gate for all requests until then:
/// Dataverse's service protection ("Service protection API limits",
/// https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#retry-operations) and F&amp;O's
/// priority-based throttling (https://learn.microsoft.com/dynamics365/fin-ops-core/dev-itpro/data-entities/priority-based-throttling)
/// both ask the client to wait that long before any request.</item>
/// <item>Before a refusal: Dataverse reports on every answer what the user has left in the sliding window
/// (<c>x-ms-ratelimit-burst-remaining-xrm-requests</c>, <c>x-ms-ratelimit-time-remaining-xrm-requests</c>, same page,
/// "How service protection API limits are enforced"). While plenty is left requests go at once; once less than a fifth of
/// the most seen is left, each request waits the window divided by what is left (plus one). Spending the last fifth k
/// that way takes the window times the k-th harmonic number, more than one window for k of 2 or more, so the requests that
/// spent the rest have left the window before the budget runs out.</item>
/// <item>The recommended degree of parallelism (<c>x-ms-dop-hint</c>, "Send parallel requests",
/// https://learn.microsoft.com/power-apps/developer/data-platform/send-parallel-requests).</item>
/// </list>
/// </summary>
internal sealed class ServiceGate
{
    private const double ReserveFraction = 0.2;
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private DateTimeOffset _closedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _nextSend = DateTimeOffset.MinValue;
    private double _budget = double.PositiveInfinity;
    private double _mostBudget;
    private TimeSpan _lastDuration = TimeSpan.FromMilliseconds(1);
    private int _inFlight;

    public ServiceGate(TimeProvider time, TimeSpan window)
    {
        _time = time;
        _window = window;
    }

    /// <summary>The service's recommended degree of parallelism, once an answer named it.</summary>
    public int? DegreeOfParallelismHint { get; private set; }

    /// <summary>How many refusals closed the gate.</summary>
    public int Refusals { get; private set; }

    /// <summary>Waits until the gate is open and the pace allows another request, then counts it in flight.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                var at = _closedUntil > _nextSend ? _closedUntil : _nextSend;
                wait = at - now;
                if (wait <= TimeSpan.Zero)
                {
                    _inFlight++;
                    _budget--;
                    _nextSend = _budget < ReserveFraction * _mostBudget ? now + (_window / (Math.Max(_budget, 0) + 1)) : now;
                    return;
                }
            }

            // Timers count whole milliseconds: a wait rounded down would wake before its time and wait again for nothing.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the answer's limits and hint; closes the gate on a refusal with <c>Retry-After</c>.</summary>
    public void Leave(HttpResponseMessage? response, TimeSpan took)
    {
        lock (_lock)
        {
            _inFlight--;
            if (response is null)
            {
                return;
            }

            _lastDuration = took > TimeSpan.Zero ? took : _lastDuration;
            if (Header(response, "x-ms-dop-hint") is { } hint && hint >= 1)
            {
                DegreeOfParallelismHint = (int)hint;
            }

            var requests = Header(response, "x-ms-ratelimit-burst-remaining-xrm-requests");
            var milliseconds = Header(response, "x-ms-ratelimit-time-remaining-xrm-requests");
            if (requests is not null || milliseconds is not null)
            {
                // Time left counts as the requests of the last one's duration it still allows. Requests in flight were
                // admitted after or before this one: counting them again errs on the slow side.
                var left = Math.Min(requests ?? double.PositiveInfinity, milliseconds is { } ms ? ms / _lastDuration.TotalMilliseconds : double.PositiveInfinity);
                _budget = left - _inFlight;
                _mostBudget = Math.Max(_mostBudget, left);
            }

            if ((response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.ServiceUnavailable)
                && RetryAfter(response) is { } delay)
            {
                Refusals++;
                var until = _time.GetUtcNow() + delay;
                _closedUntil = until > _closedUntil ? until : _closedUntil;
            }
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is not { } header ? null : header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null);

    private static double? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
