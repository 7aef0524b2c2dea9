using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Pacing;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests.Pacing;

/// <summary>The gate's pace against Dataverse's two budgets, requests and execution time, each in its own unit; on a virtual clock, so a wait shows as time moved.</summary>
public sealed class ServiceGateTests
{
    private const int Requests = 600;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Execution = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LongRequest = TimeSpan.FromMilliseconds(125);
    private readonly VirtualClock clock = new();

    [Fact]
    public async Task Long_requests_go_at_once_while_more_than_a_fifth_of_the_execution_time_is_left()
    {
        var gate = await AfterAShortRequestAsync(clock);

        // Then bulk messages of 125 ms each until 10 s of the 15 s are left: two thirds of both budgets.
        var spent = TimeSpan.Zero;
        for (var sent = 2; spent < Execution / 3; sent++)
        {
            await gate.EnterAsync(CancellationToken.None);
            spent += LongRequest;
            gate.Leave(Answer(Requests - sent, Execution - spent), LongRequest);
        }

        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
    }

    [Fact]
    public async Task Under_a_fifth_of_the_execution_time_left_the_next_request_waits()
    {
        var gate = await AfterAShortRequestAsync(clock);
        await gate.EnterAsync(CancellationToken.None);
        gate.Leave(Answer(Requests - 2, Execution / 6), LongRequest);

        // 2.5 s left is 20 requests of 125 ms: the next waits a window over them, plus one (timers count whole milliseconds).
        await gate.EnterAsync(CancellationToken.None);

        Assert.InRange(clock.Elapsed, Window / 21, (Window / 21) + TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_pause_set_on_an_older_answer_is_lifted_when_a_newer_one_shows_the_budget_back()
    {
        var gate = await AfterAShortRequestAsync(clock);
        await gate.EnterAsync(CancellationToken.None);
        gate.Leave(Answer(Requests - 2, TimeSpan.FromSeconds(1)), LongRequest);

        // With 1 s left the next request goes after a pause, and would hold the one after it; its answer shows the window slid: 15 s left.
        await gate.EnterAsync(CancellationToken.None);
        var paused = clock.Elapsed;
        gate.Leave(Answer(Requests - 3, Execution), LongRequest);
        await gate.EnterAsync(CancellationToken.None);

        Assert.Equal(paused, clock.Elapsed);
    }

    [Fact]
    public async Task A_request_waiting_out_a_pause_goes_as_soon_as_an_answer_lifts_it()
    {
        var gate = await AfterAShortRequestAsync(new StoppedClock());
        await gate.EnterAsync(CancellationToken.None);
        await gate.EnterAsync(CancellationToken.None);

        // The first answer of two in flight shows 1 s left, so the next request waits; the second shows the window slid.
        gate.Leave(Answer(Requests - 2, TimeSpan.FromSeconds(1)), LongRequest);
        var waiting = gate.EnterAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        gate.Leave(Answer(Requests - 3, Execution), LongRequest);

        // The clock never moves here: only the second answer can end the wait (the bound keeps a failure from hanging).
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task After_a_refusal_the_next_requests_wait_its_retry_after_and_no_more()
    {
        var gate = await AfterAShortRequestAsync(clock);
        await gate.EnterAsync(CancellationToken.None);
        var refusal = Answer(Requests - 2, TimeSpan.Zero);
        refusal.StatusCode = HttpStatusCode.TooManyRequests;
        refusal.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(11));
        gate.Leave(refusal, LongRequest);

        // No execution time was left when it refused, but the service named when it admits again: 11 s, not a window.
        await gate.EnterAsync(CancellationToken.None);
        await gate.EnterAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(11), clock.Elapsed);
        Assert.Equal(1, gate.Refusals);
    }

    /// <summary>A gate that has seen one short request, whose answer showed the whole budget: 600 requests and 15 s.</summary>
    private static async Task<ServiceGate> AfterAShortRequestAsync(TimeProvider time)
    {
        var gate = new ServiceGate(time, Window);
        await gate.EnterAsync(CancellationToken.None);
        gate.Leave(Answer(Requests - 1, Execution), TimeSpan.FromMilliseconds(2));
        return gate;
    }

    private static HttpResponseMessage Answer(int requestsLeft, TimeSpan timeLeft)
    {
        var answer = new HttpResponseMessage(HttpStatusCode.OK);
        answer.Headers.TryAddWithoutValidation("x-ms-ratelimit-burst-remaining-xrm-requests", requestsLeft.ToString(CultureInfo.InvariantCulture));
        answer.Headers.TryAddWithoutValidation("x-ms-ratelimit-time-remaining-xrm-requests", timeLeft.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture));
        return answer;
    }
}
