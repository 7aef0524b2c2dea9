using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// <c>--request-log FILE</c>: every request the connectors send (below their pacing, so as the services receive it) with
/// when it started and ended, its side and kind, its status and the rate-limit headers it got back, and the harness's
/// own steps (rounds, passes, checks) between them, one CSV line each, to find where a run's time under the limits went.
/// Off by default: reading the bodies to tell a read-ahead batch from a write costs
/// the client CPU time.
/// </summary>
internal sealed class RequestLog : IDisposable
{
    private readonly object gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<RequestLogLine> lines = new();
    private readonly string path;

    public RequestLog(string path) => this.path = path;

    public IReadOnlyList<RequestLogLine> Lines
    {
        get
        {
            lock (gate)
            {
                return lines.ToList();
            }
        }
    }

    /// <summary>A primary handler for one side's connector that logs its requests here.</summary>
    public HttpMessageHandler Handler(string side) => new LoggingHandler(this, side);

    /// <summary>A step of the harness (a round's edits, a pass, a check) that starts now; <paramref name="end"/> it when it ends.</summary>
    public Step Begin(string what) => new(this, what, clock.Elapsed);

    public void Dispose()
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine("start_ms,end_ms,side,kind,status,requests_left,time_left_ms,retry_after_s");
        foreach (var line in Lines)
        {
            writer.WriteLine(line.ToCsv());
        }
    }

    private void Add(RequestLogLine line)
    {
        lock (gate)
        {
            lines.Add(line);
        }
    }

    /// <summary>A harness step in the log; disposing it records its end.</summary>
    internal sealed class Step : IDisposable
    {
        private readonly RequestLog log;
        private readonly string what;
        private readonly TimeSpan started;

        public Step(RequestLog log, string what, TimeSpan started) => (this.log, this.what, this.started) = (log, what, started);

        public void Dispose() => log.Add(new RequestLogLine(started, log.clock.Elapsed, "harness", what, 0, null, null, null));
    }

    private sealed class LoggingHandler : DelegatingHandler
    {
        private readonly RequestLog log;
        private readonly string side;

        public LoggingHandler(RequestLog log, string side)
            : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All })
        {
            this.log = log;
            this.side = side;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var kind = await KindAsync(request, cancellationToken).ConfigureAwait(false);
            var started = log.clock.Elapsed;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log.Add(new RequestLogLine(
                started,
                log.clock.Elapsed,
                side,
                kind,
                (int)response.StatusCode,
                Header(response, "x-ms-ratelimit-burst-remaining-xrm-requests"),
                Header(response, "x-ms-ratelimit-time-remaining-xrm-requests"),
                response.Headers.RetryAfter?.Delta?.TotalSeconds));
            return response;
        }

        /// <summary>What the request is for: a poll of the change feed, a read, a read-ahead <c>$batch</c> of queries, a changeset, or a bulk message.</summary>
        private static async Task<string> KindAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri?.OriginalString ?? "";
            if (url.Contains("Multiple", StringComparison.Ordinal))
            {
                return "bulk write";
            }

            if (url.EndsWith("$batch", StringComparison.Ordinal) && request.Content is { } content)
            {
                var body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return body.Contains("\r\nGET ", StringComparison.Ordinal) || body.Contains("\nGET ", StringComparison.Ordinal) ? "batch of reads" : "changeset";
            }

            if (request.Method != HttpMethod.Get)
            {
                return request.Method.Method.ToLowerInvariant();
            }

            var tracking = request.Headers.TryGetValues("Prefer", out var prefer) && prefer.Any(p => p.Contains("track-changes", StringComparison.Ordinal));
            return tracking || url.Contains("deltatoken", StringComparison.OrdinalIgnoreCase) || url.Contains("ModifiedDateTime", StringComparison.Ordinal) ? "poll" : "read";
        }

        private static double? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}

/// <summary>One request (or harness step) of a <see cref="RequestLog"/>.</summary>
internal sealed record RequestLogLine(TimeSpan Start, TimeSpan End, string Side, string Kind, int Status, double? RequestsLeft, double? TimeLeftMilliseconds, double? RetryAfterSeconds)
{
    public string ToCsv() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Start.TotalMilliseconds:0.0},{End.TotalMilliseconds:0.0},{Side},{Kind},{Status},{RequestsLeft},{TimeLeftMilliseconds},{RetryAfterSeconds}");
}
