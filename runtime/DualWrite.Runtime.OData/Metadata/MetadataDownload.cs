using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Authentication;

namespace DualWrite.Runtime.OData.Metadata;

/// <summary>Downloads a service's <c>$metadata</c> to a file, streaming (real documents are tens of megabytes).</summary>
public static class MetadataDownload
{
    /// <summary>Writes <c>&lt;serviceRoot&gt;/$metadata</c> to <paramref name="path"/>.</summary>
    public static async Task DownloadAsync(Uri serviceRoot, ITokenProvider tokens, string path, CancellationToken cancellationToken)
    {
        var root = serviceRoot.AbsoluteUri.EndsWith('/') ? serviceRoot : new Uri(serviceRoot.AbsoluteUri + "/");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, "$metadata"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        if (await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
    }
}
