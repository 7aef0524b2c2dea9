using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;

namespace DualWrite.LocalOData.Protocol;

/// <summary>A response ODataLib writes into memory.</summary>
internal sealed class InMemoryResponseMessage : IODataResponseMessageAsync, IServiceCollectionProvider, IDisposable
{
    private readonly IServiceScope services = ODataServices.CreateScope();

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

    public IServiceProvider ServiceProvider => services.ServiceProvider;

    public void Dispose() => services.Dispose();
}
