using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Model;

/// <summary>
/// A generated entity class: the schema properties that some map, key or filter uses, merged over all maps
/// of the compilation that use the same entity type.
/// </summary>
public sealed record EntityClassModel(
    string Namespace,
    Side Side,
    string ClassName,
    string SchemaTypeFullName,
    string? EntitySet,
    EquatableArray<EntityPropertyModel> Properties);

/// <summary>
/// A property of an entity class: a column (<see cref="ClrType"/> is its nullable CLR type) or a lookup
/// (<see cref="ReferenceClass"/> names the class of the looked-up row).
/// </summary>
public sealed record EntityPropertyModel(string Name, string ClrType, string? ReferenceClass, string EdmType);

/// <summary>A generated F&amp;O enum.</summary>
public sealed record EnumModel(string Namespace, string Name, string UnderlyingClrType, bool IsFlags, EquatableArray<EnumMemberModel> Members);

public sealed record EnumMemberModel(string Name, long Value);
