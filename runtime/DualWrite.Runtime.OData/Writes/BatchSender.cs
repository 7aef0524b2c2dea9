using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Http;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Payloads.Json;
using Microsoft.Extensions.Logging;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Polly.Timeout;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Sends a changeset as a <c>$batch</c> request of one changeset (at most <c>MaxChangesetOperations</c> operations): the
/// service applies it all or nothing. Entity bodies are written and answers read with the System.Text.Json codec;
/// ODataLib frames the batch.
/// </summary>
internal sealed class BatchSender
{
    private readonly ODataService _service;
    private readonly AtomicSender _atomic;

    public BatchSender(ODataService service, AtomicSender atomic, int maxOperations)
    {
        _service = service;
        _atomic = atomic;
        MaxOperations = maxOperations;
    }

    public int MaxOperations { get; }

    /// <summary>Sends the changeset; a refused operation fails it whole (<see cref="Environments.EnvironmentWriteException"/> for a 4xx).</summary>
    public Task SendChangesetAsync(List<WriteOperation> changeset, CancellationToken cancellationToken) =>
        _atomic.SendAsync(changeset, BuildRequest, ReadAnswerAsync, cancellationToken);

    private HttpRequestMessage BuildRequest(List<WriteOperation> changeset) => Frame(_service, batch =>
    {
        batch.WriteStartChangeset();
        for (var i = 0; i < changeset.Count; i++)
        {
            WriteOperation(batch, changeset[i], (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        batch.WriteEndChangeset();
    });

    /// <summary>A <c>$batch</c> request whose parts <paramref name="writeParts"/> writes, framed by ODataLib.</summary>
    private static HttpRequestMessage Frame(ODataService service, Action<ODataBatchWriter> writeParts)
    {
        var batchUrl = new Uri(service.Root, "$batch");
        var message = BufferedODataMessage.ForRequest("POST", batchUrl);
        message.SetHeader("Content-Type", "multipart/mixed; boundary=batch_" + Guid.NewGuid().ToString("N"));
        message.SetHeader("OData-Version", "4.0");
        using (var writer = new ODataMessageWriter((IODataRequestMessage)message, service.WriterSettings, service.Model))
        {
            var batch = writer.CreateODataBatchWriter();
            batch.WriteStartBatch();
            writeParts(batch);
            batch.WriteEndBatch();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, batchUrl) { Content = message.ToContent() };
        foreach (var (name, value) in message.RequestHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return request;
    }

    /// <summary>The answers of a <c>$batch</c> response's operations, in order.</summary>
    private static List<BufferedODataMessage> ReadParts(ODataService service, BufferedODataMessage message)
    {
        var answers = new List<BufferedODataMessage>();
        using var reader = new ODataMessageReader((IODataResponseMessage)message, service.ReaderSettings, service.Model);
        var batch = reader.CreateODataBatchReader();
        while (batch.Read())
        {
            if (batch.State == ODataBatchReaderState.Operation)
            {
                answers.Add(BufferedODataMessage.FromPart(batch.CreateOperationResponseMessage()));
            }
        }

        return answers;
    }

    private void WriteOperation(ODataBatchWriter batch, WriteOperation operation, string contentId)
    {
        var message = batch.CreateOperationRequestMessage(operation.Method, operation.Url, contentId);
        foreach (var (name, value) in operation.Headers)
        {
            message.SetHeader(name, value);
        }

        if (!operation.HasBody)
        {
            return;
        }

        message.SetHeader("Content-Type", "application/json");

        // The operation's stream must be closed before the batch writer goes on.
        using var stream = message.GetStream();
        using var json = new Utf8JsonWriter(stream);
        JsonPayloadWriter.WriteEntity(json, operation.Properties, operation.Binds, operation.Clears);
    }

    private async Task ReadAnswerAsync(HttpResponseMessage response, List<WriteOperation> changeset)
    {
        var message = await _service.EnsureSuccessAsync(response).ConfigureAwait(false);
        var answers = ReadParts(_service, message);

        var failed = answers.FirstOrDefault(a => a.StatusCode >= 400);
        if (failed is not null || answers.Count != changeset.Count)
        {
            // The changeset was rolled back as a whole; the failed operation names the cause.
            var operation = failed is null ? null : OperationOf(failed, answers.IndexOf(failed), changeset);
            var what = operation is null ? $"A changeset of {changeset.Count} operations" : $"{operation.Method} {operation.Url.PathAndQuery}";
            throw failed is null
                ? new ODataServiceException(message.StatusCode, $"{what} got {answers.Count} answers instead of {changeset.Count}.")
                : _service.ServiceError(failed, what);
        }

        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            var operation = OperationOf(answer, i, changeset)!;
            operation.Status = answer.StatusCode;
            operation.ETag = answer.GetHeader("ETag");
            operation.EntityIdHeader = answer.GetHeader("OData-EntityId");
            if (answer.StatusCode is 200 or 201 && operation.HasBody && answer.HasBody)
            {
                var row = JsonPayloadReader.ReadRow(answer.Body, _service.EntitySet(operation.EntitySet).EntityType);
                operation.Returned = new ODataRow(row.Properties, row.ETag ?? operation.ETag);
            }
        }
    }

    private static WriteOperation? OperationOf(BufferedODataMessage answer, int index, List<WriteOperation> changeset)
    {
        var contentId = answer.GetHeader("Content-ID");
        if (contentId is not null && int.TryParse(contentId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id >= 1 && id <= changeset.Count)
        {
            return changeset[id - 1];
        }

        return index < changeset.Count ? changeset[index] : null;
    }
}
