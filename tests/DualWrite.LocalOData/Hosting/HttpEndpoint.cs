using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Flavors;
using DualWrite.LocalOData.Limits;
using DualWrite.LocalOData.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace DualWrite.LocalOData.Hosting;

/// <summary>The HTTP side of a service: bearer token check, service protection limits, injected faults, the request log, then the request or <c>$batch</c> processor.</summary>
internal sealed class HttpEndpoint
{
    private readonly LocalODataService service;
    private readonly IReadOnlySet<string> accessTokens;
    private readonly ServiceProtection protection;
    private readonly int dopHint;
    private readonly CancellationToken stopping;

    public HttpEndpoint(LocalODataService service, IReadOnlySet<string> accessTokens, ServiceProtection protection, int dopHint, CancellationToken stopping)
    {
        this.service = service;
        this.accessTokens = accessTokens;
        this.protection = protection;
        this.dopHint = dopHint;
        this.stopping = stopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var url = new Uri(request.GetEncodedUrl());
        var time = DateTimeOffset.UtcNow;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);

        if (User(request) is not { } user)
        {
            var unauthorized = ResponseWriter.Error(401, "0x80040220", "The user is not authenticated: a valid bearer token is required.",
                new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });
            await RespondAsync(context, unauthorized, time, url, null, Array.Empty<BatchOperationLog>()).ConfigureAwait(false);
            return;
        }

        using var admission = protection.Admit(user);
        AddLimitHeaders(context.Response, admission);
        if (admission.Refused is { } refusal)
        {
            var refused = ResponseWriter.Error(429, refusal.Code, refusal.Message,
                new Dictionary<string, string> { ["Retry-After"] = Seconds(refusal.RetryAfter) });
            await RespondAsync(context, refused, time, url, null, Array.Empty<BatchOperationLog>()).ConfigureAwait(false);
            return;
        }

        var rule = service.Faults.Take(request.Method, url.PathAndQuery, body.GetBuffer().AsSpan(0, (int)body.Length));
        var fault = rule?.Fault;
        switch (fault?.Kind)
        {
            case FaultKind.HoldUntilAborted:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    service.Requests.Add(new RequestLogEntry(time, request.Method, url.PathAndQuery, 0, fault.Kind, Array.Empty<BatchOperationLog>()));
                    rule!.NoteClientAborted();
                }

                return;
            case FaultKind.Status:
                var faulted = fault.Status == 429 ? Throttled(fault.Delay) : ServerError(fault);
                await RespondAsync(context, faulted, time, url, fault, Array.Empty<BatchOperationLog>()).ConfigureAwait(false);
                return;
            case FaultKind.DropBeforeProcessing:
                service.Requests.Add(new RequestLogEntry(time, request.Method, url.PathAndQuery, 0, fault.Kind, Array.Empty<BatchOperationLog>()));
                context.Abort();
                return;
            case FaultKind.Hang:
                // Not cancelled by the client giving up: the request still executes, as a real server's would.
                await Task.Delay(fault.Delay, stopping).ConfigureAwait(false);
                break;
        }

        var serviceRoot = new Uri($"{request.Scheme}://{request.Host}{service.Flavor.RootPath}");
        if (!url.AbsolutePath.StartsWith(service.Flavor.RootPath, StringComparison.Ordinal))
        {
            var notFound = ResponseWriter.Error(404, "0x80060888", $"Resource not found: the service root is {serviceRoot}.");
            await RespondAsync(context, notFound, time, url, fault, Array.Empty<BatchOperationLog>()).ConfigureAwait(false);
            return;
        }

        var headers = request.Headers
            .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var odataRequest = new ODataRequest(request.Method, url, headers, body.ToArray());
        if (request.Method == "POST" && url.AbsolutePath == service.Flavor.RootPath + "$batch")
        {
            var failing = fault?.Kind == FaultKind.FailChangesetOperation ? fault.Operation : (int?)null;
            var result = await service.Batches.HandleAsync(odataRequest, serviceRoot, failing, stopping).ConfigureAwait(false);
            await RespondAsync(context, result.Response, time, url, fault, result.Operations).ConfigureAwait(false);
            return;
        }

        var response = await service.Processor.HandleAsync(odataRequest, serviceRoot, stopping).ConfigureAwait(false);
        await RespondAsync(context, response, time, url, fault, Array.Empty<BatchOperationLog>()).ConfigureAwait(false);
    }

    /// <summary>The user the bearer token names (the token itself, kept in memory only), or null when it is missing or unknown.</summary>
    private string? User(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        return accessTokens.Contains(token) ? token : null;
    }

    /// <summary>
    /// Dataverse's headers on every answer: what the user has left under the service protection limits
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#how-service-protection-api-limits-are-enforced)
    /// and the recommended degree of parallelism (https://learn.microsoft.com/power-apps/developer/data-platform/send-parallel-requests).
    /// F&amp;O documents neither.
    /// </summary>
    private void AddLimitHeaders(HttpResponse response, Admission admission)
    {
        if (service.Flavor is not DataverseFlavor)
        {
            return;
        }

        response.Headers["x-ms-dop-hint"] = dopHint.ToString(CultureInfo.InvariantCulture);
        if (admission.RequestsRemaining is { } requests)
        {
            response.Headers["x-ms-ratelimit-burst-remaining-xrm-requests"] = requests.ToString(CultureInfo.InvariantCulture);
        }

        if (admission.TimeRemaining is { } left)
        {
            response.Headers["x-ms-ratelimit-time-remaining-xrm-requests"] = left.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
        }
    }

    private async Task RespondAsync(HttpContext context, ODataResponse response, DateTimeOffset time, Uri url, Fault? fault, IReadOnlyList<BatchOperationLog> operations)
    {
        service.Requests.Add(new RequestLogEntry(time, context.Request.Method, url.PathAndQuery, response.Status, fault?.Kind, operations));
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (fault?.Kind == FaultKind.DropMidResponse)
        {
            // The request has committed; the client sees the status line and part of the body (or, without a body, nothing), then a reset connection.
            if (response.Body.Length < 2)
            {
                context.Abort();
                return;
            }

            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2)).ConfigureAwait(false);
            await context.Response.Body.FlushAsync().ConfigureAwait(false);
            context.Abort();
            return;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body).ConfigureAwait(false);
        }
    }

    private static ODataResponse Throttled(TimeSpan retryAfter) =>
        ResponseWriter.Error(429, "0x80072322", "Number of requests exceeded the limit; retry after the time in the Retry-After header.",
            new Dictionary<string, string> { ["Retry-After"] = Seconds(retryAfter) });

    private static ODataResponse ServerError(Fault fault)
    {
        var headers = new Dictionary<string, string>();
        if (fault.Delay > TimeSpan.Zero)
        {
            headers["Retry-After"] = Seconds(fault.Delay);
        }

        return ResponseWriter.Error(fault.Status, "0x80040216", $"Injected failure: the service answered {fault.Status}.", headers);
    }

    private static string Seconds(TimeSpan delay) => ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
