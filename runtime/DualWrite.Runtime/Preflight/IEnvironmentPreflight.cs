using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Preflight;

/// <summary>
/// The checks of one environment beyond its <c>$metadata</c>: what the service reports about its tables, keys, companies
/// and the caller's privileges. Each finding names the map it breaks; a check that cannot be made is a finding too.
/// </summary>
public interface IEnvironmentPreflight
{
    /// <summary>Checks the environment for the maps of <paramref name="scope"/>.</summary>
    Task<IReadOnlyList<PreflightFinding>> CheckAsync(PreflightScope scope, CancellationToken cancellationToken);
}
