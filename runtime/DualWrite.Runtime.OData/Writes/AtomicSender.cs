using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Http;
using DualWrite.Runtime.OData.Payloads;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Sends one all-or-nothing request of writes (a <c>$batch</c> changeset or a bulk message). When the answer is lost (a
/// dropped connection, a timeout), the writes may or may not have been applied, so they are not blindly resent: a probe
/// reads a witness row, a row the request creates (applied if it exists) or deletes (applied if it is gone), or else the
/// first row it updates (applied if it holds the written values). An applied request is taken as done; otherwise it is
/// sent again. Since the request is atomic, one witness tells for all of it, and no change is applied twice.
/// </summary>
internal sealed class AtomicSender
{
    private const int MaxLostAnswers = 5;

    private readonly ODataService _service;
    private readonly ILogger _logger;

    public AtomicSender(ODataService service, ILogger logger)
    {
        _service = service;
        _logger = logger;
    }

    public async Task SendAsync(
        List<WriteOperation> operations,
        Func<List<WriteOperation>, HttpRequestMessage> build,
        Func<HttpResponseMessage, List<WriteOperation>, Task> readAnswer,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = build(operations);
                response = await _service.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsLostAnswer(exception, cancellationToken) && attempt < MaxLostAnswers)
            {
                Log.BatchOutcomeUnknown(_logger, operations.Count, exception.GetType().Name);
                if (await WasAppliedAsync(operations, cancellationToken).ConfigureAwait(false))
                {
                    Log.ChangesetAlreadyApplied(_logger, operations.Count);
                    return;
                }

                continue;
            }

            using (response)
            {
                await readAnswer(response, operations).ConfigureAwait(false);
                Log.BatchSent(_logger, operations.Count, response.RequestMessage?.RequestUri?.AbsolutePath ?? "?");
                return;
            }
        }
    }

    private static bool IsLostAnswer(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception is HttpRequestException or TimeoutRejectedException or IOException or TaskCanceledException;

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
                    throw new ODataServiceException((int)status, $"A probe of {operation.RowUrl!.PathAndQuery} after a lost answer failed with {(int)status}; nothing is resent blindly.");
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
