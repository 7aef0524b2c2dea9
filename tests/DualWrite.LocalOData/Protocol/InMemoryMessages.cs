using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.OData;

namespace DualWrite.LocalOData.Protocol;

/// <summary>An <see cref="ODataRequest"/> as ODataLib reads it.</summary>
internal sealed class InMemoryRequestMessage : IODataRequestMessageAsync
{
    private readonly ODataRequest request;
    private readonly Dictionary<string, string> headers;

    public InMemoryRequestMessage(ODataRequest request)
    {
        this.request = request;
        headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<KeyValuePair<string, string>> Headers => headers;

    public Uri Url
    {
        get => request.Uri;
        set => throw new NotSupportedException("The request URL is fixed.");
    }

    public string Method
    {
        get => request.Method;
        set => throw new NotSupportedException("The request method is fixed.");
    }

    public string? GetHeader(string headerName) => headers.GetValueOrDefault(headerName);

    public void SetHeader(string headerName, string headerValue) => headers[headerName] = headerValue;

    public Stream GetStream() => new MemoryStream(request.Body, writable: false);

    public Task<Stream> GetStreamAsync() => Task.FromResult(GetStream());
}

/// <summary>A response ODataLib writes into memory.</summary>
internal sealed class InMemoryResponseMessage : IODataResponseMessageAsync
{
    private readonly MemoryStream body = new();

    public InMemoryResponseMessage(int statusCode) => StatusCode = statusCode;

    public Dictionary<string, string> HeaderMap { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<KeyValuePair<string, string>> Headers => HeaderMap;

    public int StatusCode { get; set; }

    public string? GetHeader(string headerName) => HeaderMap.GetValueOrDefault(headerName);

    public void SetHeader(string headerName, string headerValue) => HeaderMap[headerName] = headerValue;

    public Stream GetStream() => body;

    public Task<Stream> GetStreamAsync() => Task.FromResult<Stream>(body);

    public ODataResponse ToResponse() => new(StatusCode, HeaderMap, body.ToArray());
}
