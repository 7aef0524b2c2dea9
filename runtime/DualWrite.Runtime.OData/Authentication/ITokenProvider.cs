using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Authentication;

/// <summary>Supplies the bearer token a connector sends with each request. Tokens are never logged.</summary>
public interface ITokenProvider
{
    /// <summary>The access token for the environment, or null to send requests without an <c>Authorization</c> header.</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}
