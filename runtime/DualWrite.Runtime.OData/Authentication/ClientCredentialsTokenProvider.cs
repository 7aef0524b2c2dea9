using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace DualWrite.Runtime.OData.Authentication;

/// <summary>
/// Microsoft Entra client credentials (an app registration's client id and secret) for a Dataverse or F&amp;O
/// environment. The scope is the environment's root with <c>/.default</c>, as both services require; Azure.Identity
/// caches the token and renews it shortly before it expires.
/// </summary>
public sealed class ClientCredentialsTokenProvider : ITokenProvider
{
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;

    /// <summary>Creates the provider for the environment at <paramref name="environmentUrl"/> (e.g. <c>https://contoso.crm.dynamics.com</c>).</summary>
    public ClientCredentialsTokenProvider(string tenantId, string clientId, string clientSecret, Uri environmentUrl)
        : this(new ClientSecretCredential(tenantId, clientId, clientSecret), environmentUrl)
    {
    }

    /// <summary>Creates the provider over any Azure.Identity credential (a certificate, a managed identity).</summary>
    public ClientCredentialsTokenProvider(TokenCredential credential, Uri environmentUrl)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(environmentUrl);
        _credential = credential;
        _request = new TokenRequestContext(new[] { ScopeOf(environmentUrl) });
    }

    /// <summary>The scope asked for: the environment's scheme and host with <c>/.default</c>.</summary>
    public static string ScopeOf(Uri environmentUrl) => environmentUrl.GetLeftPart(UriPartial.Authority).TrimEnd('/') + "/.default";

    /// <inheritdoc/>
    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
        return token.Token;
    }

    /// <inheritdoc/>
    public override string ToString() => $"client credentials for {string.Join(", ", _request.Scopes)}";
}
