using System;

namespace DualWrite.LocalOData.Limits;

/// <summary>
/// A stand-in for finance and operations apps' resource-based service protection limit: the real one refuses OData
/// requests with 429 and <c>Retry-After</c> when the web servers' aggregate resource use threatens the service, whoever
/// sends them ("Priority-based throttling",
/// https://learn.microsoft.com/dynamics365/fin-ops-core/dev-itpro/data-entities/priority-based-throttling). Resource use
/// cannot be measured here, so the rule is a count: at most <see cref="RequestsPerWindow"/> requests of all users together
/// in a sliding <see cref="Window"/>.
/// </summary>
public sealed class ResourceLimit
{
    /// <summary>Requests of all users together allowed in <see cref="Window"/>.</summary>
    public required int RequestsPerWindow { get; init; }

    /// <summary>The sliding window of <see cref="RequestsPerWindow"/>.</summary>
    public required TimeSpan Window { get; init; }

    internal void Validate()
    {
        if (Window <= TimeSpan.Zero || RequestsPerWindow < 1)
        {
            throw new ArgumentException("A resource limit must be positive.");
        }
    }
}
