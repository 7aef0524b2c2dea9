using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Runtime.OData.Authentication;

namespace DualWrite.Cli.Commands.Import;

/// <summary>
/// The maps of a live Dataverse environment: every page of <c>msdyn_dualwriteentitymaps</c> over the Web API, of
/// which the latest version of each map is kept.
/// </summary>
public static class DataverseMapRows
{
    private const string Query = "msdyn_dualwriteentitymaps?$select=msdyn_name,msdyn_version,msdyn_mapping";

    public static async Task<IReadOnlyList<MapProject>> ReadAsync(Uri serviceRoot, ITokenProvider tokens, CancellationToken cancellationToken)
    {
        var root = serviceRoot.AbsoluteUri.EndsWith('/') ? serviceRoot : new Uri(serviceRoot.AbsoluteUri + "/");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var pages = new List<JsonDocument>();
        try
        {
            for (Uri? next = new(root, Query); next is not null;)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"GET {next.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                pages.Add(page);
                next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!) : null;
            }

            return MapDocument.ReadRows(pages.SelectMany(p => p.RootElement.GetProperty("value").EnumerateArray()));
        }
        finally
        {
            foreach (var page in pages)
            {
                page.Dispose();
            }
        }
    }
}
