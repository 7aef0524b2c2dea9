namespace DualWrite.Testing;

/// <summary>Tests that measure the whole process (its managed heap): xUnit runs this collection after the others, with nothing beside it (linked into each test project that measures the heap).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
