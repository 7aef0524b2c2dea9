using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Storage;
using Microsoft.OData;

namespace DualWrite.LocalOData.Protocol;

/// <summary>
/// <c>$batch</c> in multipart/mixed: requests outside changesets run one by one (stopping at the first failure unless
/// <c>Prefer: odata.continue-on-error</c>); each changeset runs in one SQLite transaction, so it is all-or-nothing.
/// </summary>
public sealed class BatchProcessor
{
    /// <summary>The most operations a batch may hold, as Dataverse allows.</summary>
    public const int MaxOperations = 1000;

    private readonly RequestProcessor processor;
    private readonly ODataStore store;

    /// <summary>Creates the processor.</summary>
    public BatchProcessor(RequestProcessor processor, ODataStore store)
    {
        this.processor = processor;
        this.store = store;
    }

    /// <summary>Executes a batch. <paramref name="failOperation"/>, when set, is the 1-based index of a changeset operation that fails (fault injection).</summary>
    public async Task<BatchResult> HandleAsync(ODataRequest request, Uri serviceRoot, int? failOperation, CancellationToken cancellationToken)
    {
        IReadOnlyList<BatchPart> parts;
        try
        {
            parts = Read(request, serviceRoot);
        }
        catch (ODataException e)
        {
            return new BatchResult(ResponseWriter.Error(400, "0x80060888", $"The $batch request is malformed: {e.Message}"), Array.Empty<BatchOperationLog>());
        }

        var count = parts.Sum(p => p.Operations.Count);
        if (count > MaxOperations)
        {
            return new BatchResult(
                ResponseWriter.Error(400, "0x8005f20d", $"The number of requests in the batch ({count}) exceeds the limit of {MaxOperations}."),
                Array.Empty<BatchOperationLog>());
        }

        var continueOnError = request.Prefer.ContinueOnError;
        var log = new List<BatchOperationLog>();
        var results = new List<(bool Changeset, IReadOnlyList<(string? ContentId, ODataResponse Response)> Responses)>();
        foreach (var part in parts)
        {
            var responses = part.IsChangeset
                ? await RunChangesetAsync(part, serviceRoot, failOperation, log, cancellationToken).ConfigureAwait(false)
                : await RunSingleAsync(part, serviceRoot, log, cancellationToken).ConfigureAwait(false);
            results.Add((part.IsChangeset, responses));
            if (!continueOnError && responses.Any(r => !r.Response.IsSuccess))
            {
                break;
            }
        }

        return new BatchResult(Write(results), log);
    }

    private async Task<IReadOnlyList<(string? ContentId, ODataResponse Response)>> RunSingleAsync(BatchPart part, Uri serviceRoot, List<BatchOperationLog> log, CancellationToken cancellationToken)
    {
        var operation = part.Operations[0];
        var response = operation.Request.Uri.IsAbsoluteUri
            ? await processor.HandleAsync(operation.Request, serviceRoot, cancellationToken).ConfigureAwait(false)
            : ResponseWriter.Error(400, "0x80060888", $"'{operation.Request.Uri}' is not a URL of this service; $n references are valid only inside a changeset.");
        log.Add(Logged(operation, response.Status));
        return new[] { (operation.ContentId, response) };
    }

    private async Task<IReadOnlyList<(string? ContentId, ODataResponse Response)>> RunChangesetAsync(BatchPart part, Uri serviceRoot, int? failOperation, List<BatchOperationLog> log, CancellationToken cancellationToken)
    {
        var responses = new List<(string? ContentId, ODataResponse Response)>();
        var references = new ContentIdReferences();
        using var scope = await store.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < part.Operations.Count; i++)
        {
            var operation = part.Operations[i];
            try
            {
                if (failOperation == i + 1)
                {
                    throw new ODataServiceException(500, "0x80040216", $"Injected failure of changeset operation {i + 1}.");
                }

                var request = operation.Request with { Uri = references.Resolve(operation.Request.Uri, serviceRoot), References = references };
                var response = await processor.ExecuteAsync(request, serviceRoot, scope, cancellationToken).ConfigureAwait(false);
                references.Add(operation.ContentId, response);
                responses.Add((operation.ContentId, response));
            }
            catch (ODataServiceException e)
            {
                // The transaction rolls back when the scope is disposed: the operations before this one are undone too.
                log.AddRange(part.Operations.Take(i).Select(o => Logged(o, 424)));
                log.Add(Logged(operation, e.Status));
                var message = $"Changeset operation {i + 1} of {part.Operations.Count} (Content-ID {operation.ContentId ?? "none"}) failed; the whole changeset was rolled back: {e.Message}";
                return new[] { (operation.ContentId, ResponseWriter.Error(e.Status, e.Code, message)) };
            }
        }

        scope.Commit();
        log.AddRange(part.Operations.Select((o, i) => Logged(o, responses[i].Response.Status)));
        return responses;
    }

    private static BatchOperationLog Logged(BatchOperation operation, int status) =>
        new(operation.Request.Method, operation.Request.Uri.IsAbsoluteUri ? operation.Request.Uri.PathAndQuery : operation.Request.Uri.OriginalString, status);

    private static IReadOnlyList<BatchPart> Read(ODataRequest request, Uri serviceRoot)
    {
        var settings = new ODataMessageReaderSettings
        {
            BaseUri = serviceRoot,
            // The service counts the operations itself (MaxOperations, as Dataverse documents); it documents no limit on a
            // batch's bytes, so ODataLib's default of 1 MB (200 read-ahead queries of 7.5 KB exceed it) is lifted.
            MessageQuotas = new ODataMessageQuotas { MaxPartsPerBatch = int.MaxValue, MaxOperationsPerChangeset = int.MaxValue, MaxReceivedMessageSize = long.MaxValue },
        };
        using var message = new InMemoryRequestMessage(request);
        using var messageReader = new ODataMessageReader((IODataRequestMessage)message, settings);
        var reader = messageReader.CreateODataBatchReader();
        var parts = new List<BatchPart>();
        List<BatchOperation>? changeset = null;
        while (reader.Read())
        {
            switch (reader.State)
            {
                case ODataBatchReaderState.ChangesetStart:
                    changeset = new List<BatchOperation>();
                    break;
                case ODataBatchReaderState.ChangesetEnd:
                    parts.Add(new BatchPart(true, changeset!));
                    changeset = null;
                    break;
                case ODataBatchReaderState.Operation:
                    var operation = ReadOperation(reader.CreateOperationRequestMessage());
                    if (changeset is null)
                    {
                        parts.Add(new BatchPart(false, new[] { operation }));
                    }
                    else
                    {
                        changeset.Add(operation);
                    }

                    break;
            }
        }

        return parts;
    }

    private static BatchOperation ReadOperation(ODataBatchOperationRequestMessage message)
    {
        using var body = new MemoryStream();
        using (var stream = message.GetStream())
        {
            stream.CopyTo(body);
        }

        var headers = message.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new BatchOperation(message.ContentId, new ODataRequest(message.Method, message.Url, headers, body.ToArray()));
    }

    private static ODataResponse Write(IReadOnlyList<(bool Changeset, IReadOnlyList<(string? ContentId, ODataResponse Response)> Responses)> results)
    {
        using var message = new InMemoryResponseMessage(200);
        message.SetHeader("OData-Version", "4.0");
        var settings = new ODataMessageWriterSettings { EnableMessageStreamDisposal = false, Version = ODataVersion.V4 };
        using (var messageWriter = new ODataMessageWriter((IODataResponseMessage)message, settings))
        {
            var writer = messageWriter.CreateODataBatchWriter();
            writer.WriteStartBatch();
            foreach (var (isChangeset, responses) in results)
            {
                if (isChangeset)
                {
                    writer.WriteStartChangeset();
                }

                foreach (var (contentId, response) in responses)
                {
                    var operation = writer.CreateOperationResponseMessage(contentId);
                    operation.StatusCode = response.Status;
                    foreach (var header in response.Headers)
                    {
                        operation.SetHeader(header.Key, header.Value);
                    }

                    using var stream = operation.GetStream();
                    stream.Write(response.Body);
                }

                if (isChangeset)
                {
                    writer.WriteEndChangeset();
                }
            }

            writer.WriteEndBatch();
        }

        return message.ToResponse();
    }

    private sealed record BatchOperation(string? ContentId, ODataRequest Request);

    private sealed record BatchPart(bool IsChangeset, IReadOnlyList<BatchOperation> Operations);
}
