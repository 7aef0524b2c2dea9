namespace DualWrite.Runtime.Environments;

/// <summary>How many changes a range of a change log holds, and how many of them ordinary writers made (not the runtime).</summary>
/// <param name="Total">Every change in the range.</param>
/// <param name="Ordinary">The changes without an origin: the ones a pass may have to apply.</param>
public readonly record struct ChangeCount(long Total, long Ordinary);
