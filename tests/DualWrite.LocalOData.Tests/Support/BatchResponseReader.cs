using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.OData;

namespace DualWrite.LocalOData.Tests.Support;

/// <summary>One operation response of a <c>$batch</c>.</summary>
public sealed record BatchOperationResponse(bool InChangeset, string? ContentId, int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>Reads a <c>$batch</c> response with ODataLib's batch reader, as a connector would.</summary>
public static class BatchResponseReader
{
    public static async Task<IReadOnlyList<BatchOperationResponse>> ReadAsync(HttpResponseMessage response)
    {
        var message = new ResponseMessage(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType!.ToString());
        using var messageReader = new ODataMessageReader((IODataResponseMessageAsync)message, new ODataMessageReaderSettings());
        var reader = await messageReader.CreateODataBatchReaderAsync();
        var operations = new List<BatchOperationResponse>();
        var inChangeset = false;
        while (await reader.ReadAsync())
        {
            switch (reader.State)
            {
                case ODataBatchReaderState.ChangesetStart:
                    inChangeset = true;
                    break;
                case ODataBatchReaderState.ChangesetEnd:
                    inChangeset = false;
                    break;
                case ODataBatchReaderState.Operation:
                    var operation = await reader.CreateOperationResponseMessageAsync();
                    using (var stream = await operation.GetStreamAsync())
                    using (var text = new StreamReader(stream))
                    {
                        operations.Add(new BatchOperationResponse(inChangeset, operation.ContentId, operation.StatusCode,
                            operation.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase), await text.ReadToEndAsync()));
                    }

                    break;
            }
        }

        return operations;
    }

    private sealed class ResponseMessage : IODataResponseMessageAsync
    {
        private readonly byte[] body;
        private readonly Dictionary<string, string> headers;

        public ResponseMessage(byte[] body, string contentType)
        {
            this.body = body;
            headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType };
        }

        public IEnumerable<KeyValuePair<string, string>> Headers => headers;

        public int StatusCode { get; set; } = 200;

        public string? GetHeader(string headerName) => headers.GetValueOrDefault(headerName);

        public void SetHeader(string headerName, string headerValue) => headers[headerName] = headerValue;

        public Stream GetStream() => new MemoryStream(body);

        public Task<Stream> GetStreamAsync() => Task.FromResult(GetStream());
    }
}
