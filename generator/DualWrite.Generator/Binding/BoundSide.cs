using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Binding;

/// <summary>One side of a map while it is being bound: the entity set, its type and its generated class.</summary>
internal sealed record BoundSide(SchemaIndex Schema, EntitySetInfo EntitySet, EntityTypeInfo Type, EntityRef Ref);
