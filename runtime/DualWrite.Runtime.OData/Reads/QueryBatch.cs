using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Payloads.Json;
using Microsoft.OData;

namespace DualWrite.Runtime.OData.Reads;

/// <summary>
/// Sends several queries of one entity set as one <c>$batch</c> request of GET operations (no changeset) and reads the
/// first page of each answer. Dataverse counts the request once toward its number-of-requests limit: a batch "can contain
/// up to 1000 operations and will avoid the number of requests limit", while its execution time still counts ("Service
/// protection API limits", https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#number-of-requests).
/// A query is a GET, so a lost answer is simply asked again by the caller.
/// </summary>
internal static class QueryBatch
{
    /// <summary>The most operations one <c>$batch</c> may carry.</summary>
    public const int MaxQueries = 1000;

    /// <summary>The first page of each query (absolute, escaped URLs), in the order of <paramref name="urls"/>; a page's next link is the caller's to follow.</summary>
    /// <exception cref="Environments.EnvironmentWriteException">The service refused the batch or one of its queries (a 4xx).</exception>
    /// <exception cref="ODataServiceException">The service failed it.</exception>
    public static async Task<IReadOnlyList<FeedPage>> ReadFirstPagesAsync(ODataService service, IReadOnlyList<string> urls, string entitySet, CancellationToken cancellationToken)
    {
        if (urls.Count is 0 or > MaxQueries)
        {
            throw new ArgumentOutOfRangeException(nameof(urls), $"A batch of queries holds 1 to {MaxQueries} of them, not {urls.Count}.");
        }

        var boundary = "batch_" + Guid.NewGuid().ToString("N");
        var content = new ByteArrayContent(GetBatchBody.Write(boundary, urls, service.PageSize));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/mixed; boundary=" + boundary);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service.Root, "$batch")) { Content = content };
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await service.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var message = await service.EnsureSuccessAsync(response).ConfigureAwait(false);
        var type = service.EntitySet(entitySet).EntityType;
        var pages = new List<FeedPage>(urls.Count);
        var answers = 0;

        // Each answer is read from one buffer as it comes: copied out into a stream of its own, every page of rows was
        // copied again each time that stream doubled.
        using var body = new MemoryStream();
        using (var reader = new ODataMessageReader((IODataResponseMessage)message, service.ReaderSettings, service.Model))
        {
            var batch = reader.CreateODataBatchReader();
            while (batch.Read())
            {
                if (batch.State != ODataBatchReaderState.Operation || answers++ >= urls.Count)
                {
                    continue;
                }

                var part = batch.CreateOperationResponseMessage();
                if (part.StatusCode >= 400)
                {
                    throw service.ServiceError(BufferedODataMessage.FromPart(part), "GET " + new Uri(urls[pages.Count]).PathAndQuery);
                }

                body.SetLength(0);
                using (var stream = part.GetStream())
                {
                    stream.CopyTo(body);
                }

                pages.Add(JsonPayloadReader.ReadPage(body.GetBuffer().AsSpan(0, (int)body.Length), type, service.Root));
            }
        }

        if (answers != urls.Count)
        {
            throw new ODataServiceException(message.StatusCode, $"A batch of {urls.Count} queries of {entitySet} got {answers} answers.");
        }

        return pages;
    }
}
