using System.Collections.Generic;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Preflight;

/// <summary>What an <see cref="IEnvironmentPreflight"/> checks: the maps, the schema they were compiled with, the live one, and the companies.</summary>
/// <param name="Maps">The maps.</param>
/// <param name="Compiled">The environment's schema the maps were compiled with.</param>
/// <param name="Live">The environment's schema as it is now.</param>
/// <param name="Companies">The legal entities the maps sync.</param>
public sealed record PreflightScope(IReadOnlyList<IDualWriteMap> Maps, EnvironmentSchema Compiled, EnvironmentSchema Live, PreflightCompanies Companies);
