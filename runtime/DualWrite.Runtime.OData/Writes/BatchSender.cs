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
/// Sends writes as <c>$batch</c> requests of one changeset each (at most <c>MaxChangesetOperations</c> operations): the
/// service applies a changeset all or nothing. When the answer is lost (a dropped connection, a timeout), the
/// changeset may or may not have been applied, so it is not blindly resent: a probe reads a witness row, a row the
/// changeset creates (applied if it exists) or deletes (applied if it is gone), or else the first row it updates
/// (applied if it holds the written values). An applied changeset is taken as done; otherwise it is sent again. Since
/// a changeset is atomic, one witness tells for all of it, and no change is applied twice.
/// </summary>
internal sealed class BatchSender
{
    private const int MaxLostAnswers = 5;

    private readonly ODataService _service;
    private readonly int _maxOperations;
    private readonly ILogger _logger;

    public BatchSender(ODataService service, int maxOperations, ILogger logger)
    {
        _service = service;
        _maxOperations = maxOperations;
        _logger = logger;
    }

    public async Task SendAsync(IReadOnlyList<WriteOperation> operations, CancellationToken cancellationToken)
    {
        for (var start = 0; start < operations.Count; start += _maxOperations)
        {
            var changeset = operations.Skip(start).Take(_maxOperations).ToList();
            await SendChangesetAsync(changeset, start / _maxOperations, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendChangesetAsync(List<WriteOperation> changeset, int number, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = BuildRequest(changeset);
                response = await _service.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsLostAnswer(exception, cancellationToken) && attempt < MaxLostAnswers)
            {
                Log.BatchOutcomeUnknown(_logger, changeset.Count, exception.GetType().Name);
                if (await WasAppliedAsync(changeset, cancellationToken).ConfigureAwait(false))
                {
                    Log.ChangesetAlreadyApplied(_logger, number);
                    return;
                }

                continue;
            }

            using (response)
            {
                await ReadAnswerAsync(response, changeset).ConfigureAwait(false);
                Log.BatchSent(_logger, changeset.Count, response.RequestMessage?.RequestUri?.AbsolutePath ?? "$batch");
                return;
            }
        }
    }

    private static bool IsLostAnswer(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception is HttpRequestException or TimeoutRejectedException or IOException or TaskCanceledException;

    private HttpRequestMessage BuildRequest(List<WriteOperation> changeset)
    {
        var batchUrl = new Uri(_service.Root, "$batch");
        var message = BufferedODataMessage.ForRequest("POST", batchUrl);
        message.SetHeader("Content-Type", "multipart/mixed; boundary=batch_" + Guid.NewGuid().ToString("N"));
        message.SetHeader("OData-Version", "4.0");
        using (var writer = new ODataMessageWriter((IODataRequestMessage)message, _service.WriterSettings, _service.Model))
        {
            var batch = writer.CreateODataBatchWriter();
            batch.WriteStartBatch();
            batch.WriteStartChangeset();
            for (var i = 0; i < changeset.Count; i++)
            {
                WriteOperation(batch, changeset[i], (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            batch.WriteEndChangeset();
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
        var answers = new List<BufferedODataMessage>();
        using (var reader = new ODataMessageReader((IODataResponseMessage)message, _service.ReaderSettings, _service.Model))
        {
            var batch = reader.CreateODataBatchReader();
            while (batch.Read())
            {
                if (batch.State == ODataBatchReaderState.Operation)
                {
                    var part = batch.CreateOperationResponseMessage();
                    answers.Add(BufferedODataMessage.FromPart(part));
                }
            }
        }

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

    private async Task<bool> WasAppliedAsync(List<WriteOperation> changeset, CancellationToken cancellationToken)
    {
        var touched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var operation in changeset)
        {
            var url = operation.RowUrl?.AbsoluteUri;
            if (url is not null && touched.Add(url) && operation.Kind != WriteKind.Update)
            {
                var status = await _service.ProbeAsync(operation.RowUrl!, cancellationToken).ConfigureAwait(false);
                var exists = status == HttpStatusCode.OK;
                if (!exists && status != HttpStatusCode.NotFound)
                {
                    throw new ODataServiceException((int)status, $"A probe of {operation.RowUrl!.PathAndQuery} after a lost $batch answer failed with {(int)status}; nothing is resent blindly.");
                }

                return operation.Kind == WriteKind.Create ? exists : !exists;
            }
        }

        // Only updates: the first updated row tells, by holding the values written or not.
        var first = changeset[0];
        var row = await _service.ReadRowAsync(first.RowUrl ?? first.Url, first.EntitySet, cancellationToken).ConfigureAwait(false);
        return row is not null && first.Properties.All(p => SameValue(ODataValues.FromOData(p.Value), row[p.Key]))
            && first.Clears.All(c => row[c.Value] is null);
    }

    private static bool SameValue(object? written, object? read)
    {
        if (written is null || read is null)
        {
            return written is null && read is null;
        }

        if (written is IConvertible && read is IConvertible && written is not string && read is not string)
        {
            try
            {
                return Convert.ToDecimal(written, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDecimal(read, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
            {
                return false;
            }
        }

        return ODataValues.SameKey(written, read);
    }
}
