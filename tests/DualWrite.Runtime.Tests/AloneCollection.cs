namespace DualWrite.Runtime.Tests;

/// <summary>Tests that measure the whole process (its managed heap): xUnit runs this collection after the others, with nothing beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
