namespace DualWrite.Runtime.Link;

/// <summary>What <see cref="Engine.DualWriteRuntime.RelinkAsync"/> did.</summary>
/// <param name="Link">The new link.</param>
/// <param name="DroppedStaged">How many staged changes were dropped (only when told to drop them).</param>
public sealed record RelinkResult(EnvironmentLink Link, long DroppedStaged);
