using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.OData;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>A request or response message over a byte array, for ODataLib to write into or read from.</summary>
internal sealed class InMemoryODataMessage : IODataRequestMessage, IODataResponseMessage
{
    private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase) { ["OData-Version"] = "4.0" };
    private readonly MemoryStream stream;

    public InMemoryODataMessage(byte[]? body = null)
    {
        stream = body is null ? new MemoryStream() : new MemoryStream(body);
        headers["Content-Type"] = "application/json;odata.metadata=minimal";
    }

    public IEnumerable<KeyValuePair<string, string>> Headers => headers;

    public Uri Url { get; set; } = PayloadCodecModel.Root;

    public string Method { get; set; } = "POST";

    public int StatusCode { get; set; } = 200;

    public byte[] Body => stream.ToArray();

    public string GetHeader(string headerName) => headers.TryGetValue(headerName, out var value) ? value : null!;

    public void SetHeader(string headerName, string headerValue) => headers[headerName] = headerValue;

    public Stream GetStream() => stream;
}
