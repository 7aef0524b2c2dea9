using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Identity;
using DualWrite.Runtime.OData.Authentication;

namespace DualWrite.Runtime.OData.Tests.Authentication;

/// <summary><see cref="ClientCredentialsTokenProvider"/> against a token endpoint on loopback.</summary>
public sealed class ClientCredentialsTokenProviderTests
{
    private const string Secret = "s3cr3t-LEAK-value";
    private static readonly Uri Environment = new("https://contoso.crm.dynamics.com/api/data/v9.2/");

    [Fact]
    public async Task It_asks_for_the_environments_default_scope_with_the_client_credentials_grant()
    {
        await using var endpoint = await TokenEndpoint.StartAsync();
        var provider = new ClientCredentialsTokenProvider(endpoint.Credential("tenant-1", "client-1", Secret), Environment);

        var token = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        var form = Assert.Single(endpoint.Requests);
        Assert.Equal("tenant-1", form["tenant"]);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("client-1", form["client_id"]);
        Assert.Equal(Secret, form["client_secret"]);
        Assert.Equal("https://contoso.crm.dynamics.com/.default", form["scope"]);
    }

    [Fact]
    public async Task A_token_is_reused_until_it_nears_its_expiry()
    {
        await using var endpoint = await TokenEndpoint.StartAsync();
        var provider = new ClientCredentialsTokenProvider(endpoint.Credential("tenant-1", "client-1", Secret), Environment);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(("token-1", "token-1"), (first, second));
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed()
    {
        await using var endpoint = await TokenEndpoint.StartAsync();

        // Azure.Identity renews a token within five minutes of its expiry: one valid for a minute is renewed at once.
        endpoint.ExpiresIn = 60;
        var provider = new ClientCredentialsTokenProvider(endpoint.Credential("tenant-1", "client-1", Secret), Environment);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(("token-1", "token-2"), (first, second));
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Fact]
    public async Task A_refused_secret_fails_without_showing_the_secret()
    {
        await using var endpoint = await TokenEndpoint.StartAsync();
        endpoint.RefuseWith = "invalid_client";
        var provider = new ClientCredentialsTokenProvider(endpoint.Credential("tenant-1", "client-1", Secret), Environment);

        var failure = await Assert.ThrowsAsync<AuthenticationFailedException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        Assert.Contains("invalid_client", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, provider.ToString(), StringComparison.Ordinal);
    }
}
