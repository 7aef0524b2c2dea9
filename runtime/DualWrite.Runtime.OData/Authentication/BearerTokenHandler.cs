using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Authentication;

/// <summary>
/// Adds the provider's token to every attempt. It sits below the retry handler, so a retry after a long
/// <c>Retry-After</c> asks the provider again and never sends a token that expired while waiting.
/// </summary>
internal sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly ITokenProvider _tokens;

    public BearerTokenHandler(ITokenProvider tokens, HttpMessageHandler inner)
        : base(inner)
    {
        _tokens = tokens;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
