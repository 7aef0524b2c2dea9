using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.OData;

namespace DualWrite.Runtime.OData.Payloads;

/// <summary>
/// An ODataLib message over a buffer: ODataLib writes a request body into it before it is sent, or reads an answer
/// from it. Requests are buffered so that a retry resends the same bytes.
/// </summary>
internal sealed class BufferedODataMessage : IODataRequestMessageAsync, IODataResponseMessageAsync
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly MemoryStream _body;

    private BufferedODataMessage(string method, Uri url, MemoryStream body, int statusCode)
    {
        Method = method;
        Url = url;
        _body = body;
        StatusCode = statusCode;
    }

    public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

    public Uri Url { get; set; }

    public string Method { get; set; }

    public int StatusCode { get; set; }

    /// <summary>A request to write.</summary>
    public static BufferedODataMessage ForRequest(string method, Uri url) => new(method, url, new MemoryStream(), 0);

    /// <summary>An answer read whole from the service (from its connection, unless HttpClient read it already).</summary>
    public static async Task<BufferedODataMessage> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        // Sized from the answer's length where it tells one: a growing buffer copies a large page several times over,
        // and each of its doublings past 85 KB is another array on the large-object heap.
        var body = response.Content.Headers.ContentLength is { } length and > 0 and <= int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
        await response.Content.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        body.Position = 0;
        var message = new BufferedODataMessage(response.RequestMessage?.Method.Method ?? "GET", response.RequestMessage?.RequestUri ?? new Uri("about:blank"), body, (int)response.StatusCode);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            message._headers[header.Key] = string.Join(",", header.Value);
        }

        return message;
    }

    /// <summary>An operation's answer inside a <c>$batch</c> answer, copied out so it outlives the batch reader.</summary>
    public static BufferedODataMessage FromPart(ODataBatchOperationResponseMessage part)
    {
        var body = new MemoryStream();
        using (var stream = part.GetStream())
        {
            stream.CopyTo(body);
        }

        body.Position = 0;
        var message = new BufferedODataMessage("RESPONSE", new Uri("about:blank"), body, part.StatusCode);
        foreach (var (name, value) in part.Headers)
        {
            message._headers[name] = value;
        }

        if (part.ContentId is { } contentId)
        {
            message._headers["Content-ID"] = contentId;
        }

        return message;
    }

    /// <summary>The body's bytes, for the JSON payload reader.</summary>
    public ReadOnlySpan<byte> Body => BodyMemory.Span;

    /// <summary>The body's bytes, for readers that keep them beyond a call (a <see cref="System.Text.Json.JsonDocument"/>).</summary>
    public ReadOnlyMemory<byte> BodyMemory => _body.GetBuffer().AsMemory(0, (int)_body.Length);

    /// <summary>Whether the message has a body.</summary>
    public bool HasBody => _body.Length > 0;

    public string? GetHeader(string headerName) => _headers.TryGetValue(headerName, out var value) ? value : null;

    public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

    public Stream GetStream()
    {
        // ODataLib disposes what it wrote to only when told to; the buffer outlives the writer so it can be sent.
        return new NonClosingStream(_body);
    }

    public Task<Stream> GetStreamAsync() => Task.FromResult(GetStream());

    /// <summary>The written request as HTTP content, with the headers ODataLib set on it.</summary>
    public HttpContent ToContent()
    {
        // The buffer itself, not a copy: the message is not written to once it is sent, and a resend sends the same bytes.
        var content = new ByteArrayContent(_body.GetBuffer(), 0, (int)_body.Length);
        foreach (var (name, value) in _headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return content;
    }

    /// <summary>The request headers that are not about the content.</summary>
    public IEnumerable<KeyValuePair<string, string>> RequestHeaders =>
        _headers.Where(h => !h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase));

    private sealed class NonClosingStream : Stream
    {
        private readonly Stream _inner;

        public NonClosingStream(Stream inner) => _inner = inner;

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => _inner.CanSeek;

        public override bool CanWrite => _inner.CanWrite;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => _inner.Position = value; }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => _inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override Task FlushAsync(System.Threading.CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        protected override void Dispose(bool disposing)
        {
            // The buffer is the message's; only the view closes.
        }
    }
}
