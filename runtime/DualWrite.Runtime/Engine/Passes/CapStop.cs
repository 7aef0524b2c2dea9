using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine.Passes;

/// <summary>Where a map's live step stopped at its cap: the last change of <paramref name="Side"/> it dealt with.</summary>
internal readonly record struct CapStop(Side Side, long Sequence);
