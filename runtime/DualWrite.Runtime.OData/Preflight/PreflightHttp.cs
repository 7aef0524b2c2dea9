using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Authentication;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>
/// The preflight's reads: plain GETs of JSON under the service root with the connector's bearer token, no retries (a
/// check reports what the service answers now). A refusal comes back as <see cref="PreflightAnswer.Reason"/>, with the
/// status and the service's own message, never a token.
/// </summary>
internal sealed class PreflightHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _root;

    public PreflightHttp(Uri serviceRoot, ITokenProvider tokens, HttpMessageHandler? primaryHandler)
    {
        _root = serviceRoot.AbsoluteUri.EndsWith('/') ? serviceRoot : new Uri(serviceRoot.AbsoluteUri + "/");

        // A handler the caller supplied is the caller's to dispose.
        var owned = primaryHandler is null;
        _http = new HttpClient(new BearerTokenHandler(tokens, primaryHandler ?? new SocketsHttpHandler()), disposeHandler: owned)
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>Reads one JSON document.</summary>
    public async Task<PreflightAnswer> GetAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_root, relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("OData-Version", "4.0");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var body = Parse(text);
            return response.IsSuccessStatusCode && body is { } json
                ? new PreflightAnswer(json, null)
                : new PreflightAnswer(null, $"GET {relative} answered {(int)response.StatusCode} {response.ReasonPhrase}{ServiceMessage(body)}");
        }
        catch (HttpRequestException failure)
        {
            return new PreflightAnswer(null, $"GET {relative} failed: {failure.Message}");
        }
        catch (TaskCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            return new PreflightAnswer(null, $"GET {relative} did not answer in time: {failure.Message}");
        }
    }

    /// <summary>Reads every page of a collection (<c>value</c>, following <c>@odata.nextLink</c>).</summary>
    public async Task<(List<JsonElement>? Rows, string? Reason)> GetAllAsync(string relative, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        string? next = relative;
        while (next is not null)
        {
            var answer = await GetAsync(next, cancellationToken).ConfigureAwait(false);
            if (answer.Body is not { } page)
            {
                return (null, answer.Reason);
            }

            if (page.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                rows.AddRange(value.EnumerateArray());
            }

            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return (rows, null);
    }

    public void Dispose() => _http.Dispose();

    private static JsonElement? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ServiceMessage(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text
            ? ": " + text
            : ".";
}

/// <summary>A preflight read: the JSON the service answered, or why there is none.</summary>
internal sealed record PreflightAnswer(JsonElement? Body, string? Reason);
