using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Model;

/// <summary>
/// A generated entity class: the schema properties that some map, key or filter uses, merged over all maps
/// of the compilation that use the same entity type. With <see cref="UserType"/> the class is the user's own and
/// only its descriptor is generated.
/// </summary>
internal sealed record EntityClassModel(
    string Namespace,
    Side Side,
    string ClassName,
    string SchemaTypeFullName,
    string? EntitySet,
    EquatableArray<EntityPropertyModel> Properties,
    string? UserType = null)
{
    /// <summary>The fully qualified C# name of the class.</summary>
    public string QualifiedName => UserType ?? EntityRef.GeneratedName(Namespace, Side, ClassName);
}

/// <summary>
/// A property of an entity class: a column (<see cref="ClrType"/> is its nullable CLR type) or a lookup
/// (<see cref="ReferenceClass"/> names the class of the looked-up row). <see cref="Member"/> is the C# property
/// of a user's class when its name differs from the schema's.
/// </summary>
internal sealed record EntityPropertyModel(string Name, string ClrType, string? ReferenceClass, string EdmType, string? Member = null)
{
    public string MemberName => Member ?? Name;
}

/// <summary>A generated F&amp;O enum.</summary>
internal sealed record EnumModel(string Namespace, string Name, string UnderlyingClrType, bool IsFlags, EquatableArray<EnumMemberModel> Members);

internal sealed record EnumMemberModel(string Name, long Value);
