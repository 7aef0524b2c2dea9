using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;

namespace DualWrite.LocalOData.Protocol;

/// <summary>An <see cref="ODataRequest"/> as ODataLib reads it.</summary>
internal sealed class InMemoryRequestMessage : IODataRequestMessageAsync, IServiceCollectionProvider, IDisposable
{
    private readonly IServiceScope services = ODataServices.CreateScope();

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

    public IServiceProvider ServiceProvider => services.ServiceProvider;

    public void Dispose() => services.Dispose();
}
