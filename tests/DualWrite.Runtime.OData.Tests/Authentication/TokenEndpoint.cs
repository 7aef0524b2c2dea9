using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.OData.Tests.Authentication;

/// <summary>
/// A Microsoft Entra-like token endpoint on loopback (<c>POST /{tenant}/oauth2/v2.0/token</c>) over HTTPS with a
/// throwaway certificate: it records each request's form and answers with the next token, or with the error it is told to.
/// </summary>
internal sealed class TokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _issued;

    private TokenEndpoint(WebApplication app) => _app = app;

    /// <summary>The forms of the token requests received, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    /// <summary>How long each token is valid, in seconds.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>When set, the endpoint refuses every request with this OAuth error.</summary>
    public string? RefuseWith { get; set; }

    public Uri AuthorityHost { get; private set; } = null!;

    public static async Task<TokenEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var endpoint = new TokenEndpoint(app);
        app.MapPost("/{tenant}/oauth2/v2.0/token", endpoint.Answer);
        await app.StartAsync();
        endpoint.AuthorityHost = new Uri(app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return endpoint;
    }

    /// <summary>A credential that asks this endpoint, trusting its certificate.</summary>
    public ClientSecretCredential Credential(string tenant, string clientId, string secret) => new(tenant, clientId, secret, new ClientSecretCredentialOptions
    {
        AuthorityHost = AuthorityHost,
        DisableInstanceDiscovery = true,
        Transport = new HttpClientTransport(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }),
        Retry = { MaxRetries = 0 },
    });

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> Answer(HttpContext context, string tenant)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        fields["tenant"] = tenant;
        Requests.Enqueue(fields);
        if (RefuseWith is { } error)
        {
            return Results.Json(new Dictionary<string, object> { ["error"] = error, ["error_description"] = "AADSTS7000215: Invalid client secret provided.", ["error_codes"] = new[] { 7000215 } }, statusCode: 401);
        }

        var number = System.Threading.Interlocked.Increment(ref _issued);
        return Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = ExpiresIn, ["access_token"] = $"token-{number}" });
    }
}
