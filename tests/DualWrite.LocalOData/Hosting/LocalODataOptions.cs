using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Limits;

namespace DualWrite.LocalOData.Hosting;

/// <summary>How to start a local service.</summary>
public sealed class LocalODataOptions
{
    /// <summary>The CSDL <c>$metadata</c> file the service publishes and lays its tables out from.</summary>
    public required string SchemaPath { get; init; }

    /// <summary>The bearer token requests must carry (<c>Authorization: Bearer &lt;token&gt;</c>); any other answers 401.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The SQLite file; null for a fresh file in a temporary folder, deleted when the service is disposed.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The page size without <c>Prefer: odata.maxpagesize</c>; null for the real service's (Dataverse 5,000, F&amp;O 10,000).</summary>
    public int? DefaultPageSize { get; init; }

    /// <summary>F&amp;O only: the service user's default company, which reads are scoped to without <c>cross-company=true</c>.</summary>
    public string DefaultCompany { get; init; } = "usmf";

    /// <summary>More bearer tokens the service accepts, each another user with limits of its own.</summary>
    public IReadOnlyList<string> OtherUsersAccessTokens { get; init; } = Array.Empty<string>();

    /// <summary>The per-user service protection limits, past which requests answer 429 with <c>Retry-After</c>; null for none (<see cref="ServiceProtectionLimits.Published"/> are the real services').</summary>
    public ServiceProtectionLimits? ServiceProtection { get; init; }

    /// <summary>F&amp;O's resource-based limit on the requests of all users together; null for none.</summary>
    public ResourceLimit? ResourceLimit { get; init; }

    /// <summary>Dataverse only: the recommended degree of parallelism sent as <c>x-ms-dop-hint</c> on every answer.</summary>
    public int DegreeOfParallelismHint { get; init; } = 4;

    /// <summary>The clock that stamps rows; the system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            throw new ArgumentException("A local OData service needs a non-empty access token.", nameof(AccessToken));
        }

        if (DefaultPageSize is < 1 || DegreeOfParallelismHint < 1)
        {
            throw new ArgumentException("DefaultPageSize and DegreeOfParallelismHint must be positive.");
        }

        if (OtherUsersAccessTokens.Contains(AccessToken) || OtherUsersAccessTokens.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Other users' access tokens must be non-empty and differ from AccessToken.", nameof(OtherUsersAccessTokens));
        }

        ServiceProtection?.Validate();
        ResourceLimit?.Validate();
    }
}
