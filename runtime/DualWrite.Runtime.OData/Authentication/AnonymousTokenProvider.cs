using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Authentication;

/// <summary>No token: for services that authenticate callers otherwise, such as the local test services on loopback.</summary>
public sealed class AnonymousTokenProvider : ITokenProvider
{
    /// <summary>The provider.</summary>
    public static readonly AnonymousTokenProvider Instance = new();

    private AnonymousTokenProvider()
    {
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
