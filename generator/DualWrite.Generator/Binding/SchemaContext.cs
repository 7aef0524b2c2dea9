using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Binding;

/// <summary>The schema of each side for the whole compilation (DSL.md §4: one per side), or null when missing or unreadable.</summary>
internal sealed record SchemaContext(SchemaModel? Fo, SchemaModel? Dataverse)
{
    public static readonly SchemaContext Empty = new(null, null);
}
