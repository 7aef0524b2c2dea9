using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Payloads.Json;
using DualWrite.Runtime.OData.Reads;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Payloads;

/// <summary>
/// Reads feeds and single rows from an OData service, following <c>@odata.nextLink</c>. Entity bodies, the per-row cost
/// of every pass, are read with System.Text.Json (<see cref="JsonPayloadReader"/>); ODataLib reads what is rare: errors and
/// counts.
/// </summary>
internal sealed class ODataService
{
    private readonly HttpClient _http;

    public ODataService(HttpClient http, Uri root, IEdmModel model, int pageSize)
    {
        _http = http;
        Root = root;
        Model = model;
        PageSize = pageSize;
    }

    /// <summary>Where a refused write's exception keeps the status the service answered.</summary>
    public const string StatusKey = "ODataStatus";

    public Uri Root { get; }

    public IEdmModel Model { get; }

    public int PageSize { get; }

    public ODataMessageReaderSettings ReaderSettings => new()
    {
        BaseUri = Root,
        MaxProtocolVersion = ODataVersion.V401,
        EnableMessageStreamDisposal = true,

        // Services send annotations and properties a trimmed schema does not declare; they are ignored, not refused.
        Validations = ValidationKinds.None,
        MessageQuotas = BatchQuotas(new ODataMessageQuotas { MaxReceivedMessageSize = long.MaxValue }),
    };

    public ODataMessageWriterSettings WriterSettings => new()
    {
        BaseUri = Root,
        Version = ODataVersion.V4,
        EnableMessageStreamDisposal = false,
        Validations = ValidationKinds.None,
        ODataUri = new ODataUri { ServiceRoot = Root },
        MessageQuotas = BatchQuotas(new ODataMessageQuotas()),
    };

    /// <summary>
    /// A <c>$batch</c> of up to 1,000 operations, as Dataverse takes ("Execute batch operations using the Web API":
    /// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api);
    /// ODataLib's own default of 100 parts would refuse to read the answers to a batch of read-ahead queries.
    /// </summary>
    private static ODataMessageQuotas BatchQuotas(ODataMessageQuotas quotas)
    {
        quotas.MaxPartsPerBatch = QueryBatch.MaxQueries;
        quotas.MaxOperationsPerChangeset = QueryBatch.MaxQueries;
        return quotas;
    }

    public IEdmEntitySet EntitySet(string name) =>
        Model.EntityContainer.FindEntitySet(name) ?? throw new NotSupportedException($"The schema has no entity set '{name}'.");

    /// <summary>Reads every page of a feed, from <paramref name="url"/> on.</summary>
    public async IAsyncEnumerable<FeedPage> ReadFeedAsync(Uri url, string entitySet, IReadOnlyDictionary<string, string>? headers, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = url;
        while (next is not null)
        {
            var page = await ReadPageAsync(next, entitySet, headers, cancellationToken).ConfigureAwait(false);
            yield return page;
            next = page.NextLink;
        }
    }

    /// <summary>The single row at a resource path, or null when the service answers 404.</summary>
    public async Task<ODataRow?> ReadRowAsync(Uri url, string entitySet, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata.metadata=minimal");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var message = await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonPayloadReader.ReadRow(message.Body, EntitySet(entitySet).EntityType);
    }

    /// <summary>The status code a GET of the resource path gets (404 and 200 are the answers a probe looks for).</summary>
    public async Task<HttpStatusCode> ProbeAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>How many rows <c>&lt;url&gt;/$count</c> reports.</summary>
    public async Task<long> CountAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var message = await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        using var reader = new ODataMessageReader((IODataResponseMessage)message, ReaderSettings, Model);
        return Convert.ToInt64(reader.ReadValue(EdmCoreModel.Instance.GetInt64(false)), CultureInfo.InvariantCulture);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _http.SendAsync(request, cancellationToken);

    /// <summary>The answer, buffered, when it is a success; otherwise the service's OData error as an exception.</summary>
    public async Task<BufferedODataMessage> EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var message = await BufferedODataMessage.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ServiceError(message, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}");
        }

        return message;
    }

    /// <summary>The error an answer carries: a refused write (4xx) is the record's fault, anything else the service's.</summary>
    public Exception ServiceError(BufferedODataMessage message, string what)
    {
        var detail = ReadErrorText(message);
        var text = $"{what} failed with {message.StatusCode}: {detail}";
        if (message.StatusCode is >= 400 and < 500 and not 401 and not 403 and not 408 and not 429)
        {
            var refused = new EnvironmentWriteException(text);
            refused.Data[StatusKey] = message.StatusCode;
            return refused;
        }

        return new ODataServiceException(message.StatusCode, text);
    }

    public string ReadErrorText(BufferedODataMessage message)
    {
        try
        {
            using var reader = new ODataMessageReader((IODataResponseMessage)message, ReaderSettings, Model);
            var error = reader.ReadError();
            return string.IsNullOrEmpty(error.Code) ? error.Message : $"{error.Code}: {error.Message}";
        }
        catch (Exception exception) when (exception is ODataException or InvalidOperationException or IOException)
        {
            using var stream = message.GetStream();
            stream.Position = 0;
            using var text = new StreamReader(stream);
            var body = text.ReadToEnd();
            return body.Length == 0 ? "(no error body)" : body.Length > 500 ? body[..500] : body;
        }
    }

    private async Task<FeedPage> ReadPageAsync(Uri url, string entitySet, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata.metadata=minimal");
        var prefer = $"odata.maxpagesize={PageSize.ToString(CultureInfo.InvariantCulture)}";
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                if (string.Equals(name, "Prefer", StringComparison.OrdinalIgnoreCase))
                {
                    prefer = value + "," + prefer;
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        request.Headers.TryAddWithoutValidation("Prefer", prefer);

        // The page is read from the connection straight into its buffer: read whole first, as HttpClient does unless told
        // otherwise, it was copied from HttpClient's buffer into this one, two arrays of its size. A page read that fails
        // midway fails either way, since HttpClient reads the body after the retries' handler has returned.
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var message = await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonPayloadReader.ReadPage(message.Body, EntitySet(entitySet).EntityType, Root);
    }
}
