using System;

namespace DualWrite.LocalOData.Limits;

/// <summary>
/// The per-user service protection limits of one web server, evaluated over a sliding window, as "Service protection API
/// limits" publishes them for Dataverse (https://learn.microsoft.com/power-apps/developer/data-platform/api-limits).
/// Finance and operations apps had the same user-based limits until version 10.0.36 removed them
/// (https://learn.microsoft.com/dynamics365/fin-ops-core/dev-itpro/data-entities/service-protection-api-limits).
/// Tests scale them down; the published values are <see cref="Published"/>.
/// </summary>
public sealed class ServiceProtectionLimits
{
    /// <summary>The published values: 6,000 requests and 1,200 s of combined execution time per user in a 5-minute sliding window, 52 concurrent requests.</summary>
    public static ServiceProtectionLimits Published { get; } = new();

    /// <summary>The sliding window the request count and the execution time are measured over.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests one user may make in <see cref="Window"/>; the next is refused with error -2147015902 (<c>0x80072322</c>).</summary>
    public int RequestsPerWindow { get; init; } = 6000;

    /// <summary>Combined execution time one user's requests may take in <see cref="Window"/>; past it, requests are refused with error -2147015903 (<c>0x80072321</c>).</summary>
    public TimeSpan ExecutionTimePerWindow { get; init; } = TimeSpan.FromSeconds(1200);

    /// <summary>Requests one user may have in flight at once; one more is refused with error -2147015898 (<c>0x80072326</c>).</summary>
    public int ConcurrentRequests { get; init; } = 52;

    internal void Validate()
    {
        if (Window <= TimeSpan.Zero || RequestsPerWindow < 1 || ExecutionTimePerWindow <= TimeSpan.Zero || ConcurrentRequests < 1)
        {
            throw new ArgumentException("Service protection limits must be positive.");
        }
    }
}
