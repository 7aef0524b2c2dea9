using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Pacing;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DualWrite.Runtime.OData.Http;

/// <summary>
/// The connector's <see cref="HttpClient"/>: retries (Microsoft.Extensions.Http.Resilience) around the service gate
/// (<see cref="ServiceGate"/>: pacing and <c>Retry-After</c> for all lanes) and the bearer token handler. A throttled (429)
/// or unavailable (503) answer means the service did not run the request, so every request is retried, through the gate,
/// which holds it until the <c>Retry-After</c> the service asked for. A dropped connection or a timeout is retried only for
/// reads: a <c>$batch</c> whose answer was lost may have been applied, and <see cref="Writes.BatchSender"/> decides what to
/// resend.
/// </summary>
internal static class ResilientHttpClient
{
    public static HttpClient Create(ODataConnectorOptions options, ServiceGate gate, ILogger logger)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            // A refusal's Retry-After is waited at the service gate, by every lane at once; other failures back off here.
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result?.Headers.RetryAfter is null ? null : TimeSpan.Zero),
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
            OnRetry = args =>
            {
                Log.Retrying(logger, args.Context.GetRequestMessage()?.Method.Method ?? "?", PathOf(args.Context.GetRequestMessage()),
                    args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?",
                    args.RetryDelay, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        };

        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(retry)
            .AddTimeout(options.AttemptTimeout)
            .Build();

        var primary = options.PrimaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All };
        var handler = new ResilienceHandler(pipeline) { InnerHandler = new PacingHandler(gate, options.Time, new BearerTokenHandler(options.Tokens, primary)) };

        // The pipeline's attempt timeout governs; the client's own would cut retries that wait out a long Retry-After.
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result is { } response)
        {
            return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        }

        var request = context.GetRequestMessage();
        var safe = request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head);
        return safe && outcome.Exception is HttpRequestException or TimeoutRejectedException or System.IO.IOException;
    }

    private static string PathOf(HttpRequestMessage? request) => request?.RequestUri?.AbsolutePath ?? "?";
}
