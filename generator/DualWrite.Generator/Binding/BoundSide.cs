using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Binding;

/// <summary>
/// One side of a map while it is being bound: the entity set, its type and its class, generated or the user's
/// own (<see cref="User"/>). A path through lookups binds each looked-up table as a side of its own.
/// </summary>
internal sealed record BoundSide(SchemaIndex Schema, EntitySetInfo EntitySet, EntityTypeInfo Type, EntityRef Ref, UserTypes.UserEntity? User = null);
