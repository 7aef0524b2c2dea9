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
/// both ask the client to wait that long before any request. That wait replaces the pace below: the refusal's own
/// budgets (none left) would add a whole window to it.</item>
/// <item>Before a refusal: Dataverse reports on every answer what the user has left in the sliding window
/// (<c>x-ms-ratelimit-burst-remaining-xrm-requests</c>, <c>x-ms-ratelimit-time-remaining-xrm-requests</c>, same page,
/// "How service protection API limits are enforced"). Each of the two budgets is held in its own unit: requests, and
/// milliseconds of execution. While plenty of both is left requests go at once; once less than a fifth of the most seen
/// of either is left, each request waits the window divided by the requests that budget still allows (plus one): the
/// requests left, or the time left over the last request's duration. Spending the last fifth k that way takes the window
/// times the k-th harmonic number, more than one window for k of 2 or more, so the requests that spent the rest have left
/// the window before the budget runs out. Every answer sets the pace anew from the last request sent, and a request
/// waiting out an older pace goes as soon as an answer allows it. Time left counted in requests against the most
/// requests seen paced long requests (bulk messages) from the start: at 125 ms a request a whole 15 s budget is 120
/// requests, a fifth of 600.</item>
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
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;
    private TaskCompletionSource _sooner = NewSignal();
    private double _requestsLeft = double.PositiveInfinity;
    private double _mostRequests;
    private double _millisecondsLeft = double.PositiveInfinity;
    private double _mostMilliseconds;
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
            Task sooner;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                wait = OpensAt() - now;
                sooner = _sooner.Task;
                if (wait <= TimeSpan.Zero)
                {
                    _inFlight++;
                    _requestsLeft--;
                    _millisecondsLeft -= _lastDuration.TotalMilliseconds;
                    _lastSent = now;
                    _nextSend = now + Pace();
                    return;
                }
            }

            // Timers count whole milliseconds: a wait rounded down would wake before its time and wait again for nothing.
            // An answer that lets requests go sooner ends the wait early.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, waiting.Token);
            if (await Task.WhenAny(timer, sooner).ConfigureAwait(false) == sooner)
            {
                await waiting.CancelAsync().ConfigureAwait(false);
            }
            else
            {
                await timer.ConfigureAwait(false);
            }
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

            var opened = OpensAt();

            _lastDuration = took > TimeSpan.Zero ? took : _lastDuration;
            if (Header(response, "x-ms-dop-hint") is { } hint && hint >= 1)
            {
                DegreeOfParallelismHint = (int)hint;
            }

            var requests = Header(response, "x-ms-ratelimit-burst-remaining-xrm-requests");
            var milliseconds = Header(response, "x-ms-ratelimit-time-remaining-xrm-requests");

            // Requests in flight were admitted after or before this one: counting them again errs on the slow side.
            if (requests is { } requestsLeft)
            {
                _requestsLeft = requestsLeft - _inFlight;
                _mostRequests = Math.Max(_mostRequests, requestsLeft);
            }

            if (milliseconds is { } millisecondsLeft)
            {
                _millisecondsLeft = millisecondsLeft - (_inFlight * _lastDuration.TotalMilliseconds);
                _mostMilliseconds = Math.Max(_mostMilliseconds, millisecondsLeft);
            }

            if ((response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.ServiceUnavailable)
                && RetryAfter(response) is { } delay)
            {
                Refusals++;
                var until = _time.GetUtcNow() + delay;
                _closedUntil = until > _closedUntil ? until : _closedUntil;

                // The wait is the service's own word on when it admits again; the budgets this answer shows (none left)
                // would add a pause of a whole window after it. The first answer after the wait tells them anew.
                (_requestsLeft, _millisecondsLeft) = (double.PositiveInfinity, double.PositiveInfinity);
            }

            // The pace set when the last request went reckoned with older answers: this one may allow sooner, or ask later.
            _nextSend = _lastSent + Pace();
            if (OpensAt() < opened)
            {
                _sooner.TrySetResult();
                _sooner = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DateTimeOffset OpensAt() => _closedUntil > _nextSend ? _closedUntil : _nextSend;

    private TimeSpan Pace()
    {
        var (requests, time) = (Pause(_requestsLeft, _mostRequests, 1), Pause(_millisecondsLeft, _mostMilliseconds, _lastDuration.TotalMilliseconds));
        return requests > time ? requests : time;
    }

    /// <summary>The wait before the next request once <paramref name="left"/> is under a fifth of <paramref name="most"/>: the window over the requests of <paramref name="cost"/> it still allows, plus one.</summary>
    private TimeSpan Pause(double left, double most, double cost) =>
        left < ReserveFraction * most ? _window / ((Math.Max(left, 0) / cost) + 1) : TimeSpan.Zero;

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is not { } header ? null : header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null);

    private static double? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
