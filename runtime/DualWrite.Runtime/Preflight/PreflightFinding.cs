namespace DualWrite.Runtime.Preflight;

/// <summary>One thing a preflight found: where, what the maps were compiled with, what the environment has now, and the fix.</summary>
/// <param name="Map">The map it concerns, or null for an environment as a whole (connectivity, authentication).</param>
/// <param name="Side">The environment.</param>
/// <param name="EntitySet">The entity set, or null for the environment as a whole.</param>
/// <param name="Field">The field, lookup or key (<c>key(accountnumber, _msdyn_company_value)</c>), or null for the entity set itself.</param>
/// <param name="Compiled">The definition the maps were compiled with (<c>Edm.String(20)</c>), or null when there was none.</param>
/// <param name="Live">The environment's definition now, or null when it has none.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Problem">What differs, in a sentence.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record PreflightFinding(
    string? Map,
    Side Side,
    string? EntitySet,
    string? Field,
    string? Compiled,
    string? Live,
    PreflightSeverity Severity,
    string Problem,
    string Fix);
