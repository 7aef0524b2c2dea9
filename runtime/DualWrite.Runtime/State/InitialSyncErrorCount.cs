namespace DualWrite.Runtime.State;

/// <summary>How many rows of one map and legal entity an initial-sync run keeps in its error list.</summary>
/// <param name="Map">The map.</param>
/// <param name="Company">The legal entity (<c>dataAreaId</c>); empty for a map that is not striped by company, or a company not asked about.</param>
/// <param name="Failed">Its failed rows, set aside ones included.</param>
public sealed record InitialSyncErrorCount(string Map, string Company, long Failed);
