using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Payloads.Json;
using DualWrite.Runtime.OData.Writes;

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
        var answers = BatchSender.ReadParts(service, message);
        if (answers.Count != urls.Count)
        {
            throw new ODataServiceException(message.StatusCode, $"A batch of {urls.Count} queries of {entitySet} got {answers.Count} answers.");
        }

        var type = service.EntitySet(entitySet).EntityType;
        var pages = new FeedPage[answers.Count];
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].StatusCode >= 400)
            {
                throw service.ServiceError(answers[i], "GET " + new Uri(urls[i]).PathAndQuery);
            }

            pages[i] = JsonPayloadReader.ReadPage(answers[i].Body, type, service.Root);
        }

        return pages;
    }
}
