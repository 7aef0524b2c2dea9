using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Payloads.Json;
using Microsoft.Extensions.Logging;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Sends writes to one Dataverse table as a bulk message: creates as <c>CreateMultiple</c> (create-only, as the single
/// create by alternate key with <c>If-None-Match: *</c>), updates that carry no version precondition as <c>UpdateMultiple</c>
/// (update-only, the row named by <c>@odata.id</c>), per "Use bulk operation messages"
/// (https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations). An update that must still match the
/// version it read (<c>If-Match</c> with an ETag) is not a bulk target: the message has no per-record precondition. On a
/// standard table the message is all-or-nothing. A table whose service answers that it has no such message is learnt
/// once and its writes go as <c>$batch</c> changesets from then on.
/// </summary>
internal sealed class BulkSender
{
    private const string Namespace = "Microsoft.Dynamics.CRM.";
    private const string UnknownSegment = "0x80060888";
    private readonly ODataService _service;
    private readonly AtomicSender _atomic;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _unsupported = new(StringComparer.OrdinalIgnoreCase);

    public BulkSender(ODataService service, AtomicSender atomic, int chunkSize, ILogger logger)
    {
        _service = service;
        _atomic = atomic;
        ChunkSize = chunkSize;
        _logger = logger;
    }

    /// <summary>Targets per bulk request; 0 sends no bulk messages.</summary>
    public int ChunkSize { get; }

    /// <summary>Whether the write can be a target of a bulk message to its table.</summary>
    public bool Fits(WriteOperation operation) =>
        ChunkSize > 0 && !_unsupported.ContainsKey(operation.EntitySet) && MessageOf(operation) is not null;

    /// <summary>
    /// Sends the writes (one table, one kind, each row once) as one message; false when the service has no such message
    /// for the table, which is then remembered.
    /// </summary>
    public async Task<bool> TrySendAsync(List<WriteOperation> operations, CancellationToken cancellationToken)
    {
        try
        {
            await _atomic.SendAsync(operations, BuildRequest, ReadAnswerAsync, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NoSuchMessageException exception)
        {
            _unsupported[operations[0].EntitySet] = true;
            Http.Log.BulkUnsupported(_logger, operations[0].EntitySet, exception.StatusCode);
            return false;
        }
    }

    private static string? MessageOf(WriteOperation operation) => operation.Kind switch
    {
        WriteKind.Create => "CreateMultiple",
        WriteKind.Update when operation.Headers.TryGetValue("If-Match", out var version) && version == "*" => "UpdateMultiple",
        _ => null,
    };

    private HttpRequestMessage BuildRequest(List<WriteOperation> operations)
    {
        var set = _service.EntitySet(operations[0].EntitySet);
        var message = MessageOf(operations[0])!;
        var type = Namespace + set.EntityType.Name;
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteStartArray("Targets");
            foreach (var operation in operations)
            {
                var annotations = new List<KeyValuePair<string, string>> { new("@odata.type", type) };
                if (operation.Kind == WriteKind.Update)
                {
                    annotations.Add(new("@odata.id", _service.Root.MakeRelativeUri(operation.Url).OriginalString));
                }

                JsonPayloadWriter.WriteEntity(json, operation.Properties, operation.Binds, operation.Clears, annotations);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_service.Root, $"{Uri.EscapeDataString(set.Name)}/{Namespace}{message}")) { Content = content };
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return request;
    }

    private async Task ReadAnswerAsync(HttpResponseMessage response, List<WriteOperation> operations)
    {
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            var error = await BufferedODataMessage.FromResponseAsync(response).ConfigureAwait(false);

            // 0x80060888 is the Web API's "Resource not found for the segment": no such action on this table. Any other
            // 404 (a row an update names does not exist) is the service refusing a write.
            if (response.StatusCode != HttpStatusCode.NotFound || _service.ReadErrorText(error).StartsWith(UnknownSegment, StringComparison.Ordinal))
            {
                throw new NoSuchMessageException((int)response.StatusCode);
            }

            throw _service.ServiceError(error, $"POST {response.RequestMessage?.RequestUri?.PathAndQuery}");
        }

        var answer = await _service.EnsureSuccessAsync(response).ConfigureAwait(false);
        var ids = operations[0].Kind == WriteKind.Create && answer.HasBody ? CreatedIds(answer) : null;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            operation.Status = answer.StatusCode;

            // CreateMultipleResponse names the created rows in the order of the targets; the journal files each under its id.
            if (ids is not null && i < ids.Count)
            {
                operation.EntityIdHeader = new Uri(_service.Root, $"{Uri.EscapeDataString(operation.EntitySet)}({ids[i]})").AbsoluteUri;
            }
        }
    }

    private static List<string> CreatedIds(BufferedODataMessage answer)
    {
        using var document = JsonDocument.Parse(answer.BodyMemory);
        var ids = new List<string>();
        if (document.RootElement.TryGetProperty("Ids", out var array))
        {
            foreach (var id in array.EnumerateArray())
            {
                ids.Add(id.GetString()!);
            }
        }

        return ids;
    }

    private sealed class NoSuchMessageException : Exception
    {
        public NoSuchMessageException(int statusCode)
            : base($"The service has no such bulk message ({statusCode}).") => StatusCode = statusCode;

        public int StatusCode { get; }
    }
}
