using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Authentication;

/// <summary>A token obtained elsewhere (a pipeline's secret, <c>az account get-access-token</c>), sent as it is until it expires.</summary>
public sealed class StaticTokenProvider : ITokenProvider
{
    private readonly string _token;

    /// <summary>Creates the provider.</summary>
    public StaticTokenProvider(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(_token);

    /// <inheritdoc/>
    public override string ToString() => "a static bearer token";
}
