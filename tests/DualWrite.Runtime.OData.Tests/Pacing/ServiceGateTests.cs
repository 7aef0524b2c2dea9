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
        var gate = new ServiceGate(clock, Window);

        // A short request first: its answer shows the whole budget, 600 requests and 15 s.
        await gate.EnterAsync(CancellationToken.None);
        gate.Leave(Answer(Requests - 1, Execution), TimeSpan.FromMilliseconds(2));

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
        var gate = new ServiceGate(clock, Window);
        await gate.EnterAsync(CancellationToken.None);
        gate.Leave(Answer(Requests - 1, Execution), TimeSpan.FromMilliseconds(2));
        await gate.EnterAsync(CancellationToken.None);
        gate.Leave(Answer(Requests - 2, Execution / 6), LongRequest);

        // 2.5 s left is 20 requests of 125 ms: the first goes, and the one after it waits a window over the 19 left, plus one.
        await gate.EnterAsync(CancellationToken.None);
        await gate.EnterAsync(CancellationToken.None);

        Assert.Equal(Window / 20, clock.Elapsed);
    }

    private static HttpResponseMessage Answer(int requestsLeft, TimeSpan timeLeft)
    {
        var answer = new HttpResponseMessage(HttpStatusCode.OK);
        answer.Headers.TryAddWithoutValidation("x-ms-ratelimit-burst-remaining-xrm-requests", requestsLeft.ToString(CultureInfo.InvariantCulture));
        answer.Headers.TryAddWithoutValidation("x-ms-ratelimit-time-remaining-xrm-requests", timeLeft.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture));
        return answer;
    }
}
