using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace DualWrite.LocalOData.Tests.Support;

/// <summary>A plain HttpClient with a bearer token, relative URLs against the service root, and JSON helpers.</summary>
public sealed class ODataTestClient : IDisposable
{
    private readonly HttpClient http;

    public ODataTestClient(Uri serviceRoot, string? token)
    {
        http = new HttpClient { BaseAddress = serviceRoot, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        http.DefaultRequestHeaders.Add("OData-Version", "4.0");
        http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    public HttpClient Http => http;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return http.SendAsync(request);
    }

    public async Task<JsonObject> GetJsonAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<List<JsonObject>> GetAllPagesAsync(string url, int pageSize, List<int>? pageSizes = null)
    {
        var rows = new List<JsonObject>();
        string? next = url;
        while (next is not null)
        {
            var page = await GetJsonAsync(next, ("Prefer", $"odata.maxpagesize={pageSize}"));
            var values = page["value"]!.AsArray().Select(v => v!.AsObject()).ToList();
            pageSizes?.Add(values.Count);
            rows.AddRange(values);
            next = page["@odata.nextLink"]?.GetValue<string>();
        }

        return rows;
    }

    public static async Task<JsonObject> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();

    public void Dispose() => http.Dispose();
}
