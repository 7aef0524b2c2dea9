using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Model;

// The bound model: what both front ends (.dwmap and attributes) produce and what emit consumes. It holds
// names and C# type names as strings and nothing from Roslyn, so it is cheap to compare and safe to cache.

/// <summary>One map, fully resolved against both schemas.</summary>
internal sealed record MapModel(
    string Name,
    string Namespace,
    SyncDirection Direction,
    CompanyScope Company,
    ConflictPolicy Conflict,
    DeletePolicy Deletes,
    EntityRef Fo,
    EntityRef Dataverse,
    EquatableArray<KeyMemberModel> FoKey,
    EquatableArray<KeyMemberModel> DataverseKey,
    EquatableArray<FieldMappingModel> Fields,
    FilterModel? FoFilter,
    FilterModel? DataverseFilter,
    EquatableArray<string> DependsOn)
{
    public string ClassName => Name + "Map";

    public bool FlowsToDataverse => Direction != SyncDirection.ToFo;

    public bool FlowsToFo => Direction != SyncDirection.ToDataverse;
}

/// <summary>
/// The entity class a map reads or writes on one side: a generated class, or the user's own class when
/// <see cref="UserType"/> names it (then <see cref="ClassName"/> only names its descriptor).
/// </summary>
internal sealed record EntityRef(Side Side, string EntitySet, string SchemaTypeFullName, string ClassName, string? UserType = null)
{
    /// <summary>The fully qualified C# name, e.g. <c>global::Contoso.Fo.CustomerV3</c>.</summary>
    public string QualifiedName(string @namespace) => UserType ?? GeneratedName(@namespace, Side, ClassName);

    /// <summary>The fully qualified name of a generated entity class.</summary>
    public static string GeneratedName(string @namespace, Side side, string className) => "global::" + @namespace + "." + SideNamespace(side) + "." + className;

    public static string SideNamespace(Side side) => side == Side.Fo ? "Fo" : "Dataverse";
}

/// <summary>
/// One member of an integration-key struct and where its value sits on the entity class (a column, or
/// <c>msdyn_company.cdm_companycode</c> for the company of a striped map).
/// </summary>
internal sealed record KeyMemberModel(string Name, ValuePath Path);

/// <summary>A compiled filter of one side.</summary>
internal sealed record FilterModel(string Source, string CSharpPredicate, string? ODataFilter);

/// <summary>
/// One field mapping after binding. <see cref="FoPath"/>/<see cref="DataversePath"/> are null for <c>none</c>.
/// Conversions per direction are null where the mapping does not flow that way.
/// </summary>
internal sealed record FieldMappingModel(
    SyncDirection Direction,
    ValuePath? FoPath,
    ValuePath? DataversePath,
    ConversionModel? ToDataverse,
    ConversionModel? ToFo,
    FieldNotation Notation);

/// <summary>
/// What a field mapping's row shows that binding does not keep otherwise, in the map language's notation: the
/// Dataverse path (with a polymorphic lookup's tables), the name after <c>via</c> and the <c>default</c> literal.
/// </summary>
internal sealed record FieldNotation(string? DataversePath, string? Via, string? Default);

/// <summary>
/// A readable and writable value on an entity class: a chain of lookups (reference-typed properties whose
/// classes are <see cref="Segments"/>' owners) ending in a column, or one of several polymorphic targets.
/// </summary>
internal sealed record ValuePath(EquatableArray<PathSegment> Segments, EquatableArray<ValuePathAlternative> PolymorphicTargets, string ClrType)
{
    public bool IsPolymorphic => !PolymorphicTargets.IsEmpty;
}

/// <summary>
/// A property on an entity class, by its schema name; <see cref="ReferenceClass"/> is set for a lookup to another
/// entity class. On a user's class <see cref="Member"/> is the C# property when its name differs, and
/// <see cref="ReferenceType"/> the user's class of the looked-up row.
/// </summary>
internal sealed record PathSegment(string Property, string? ReferenceClass, string? Member = null, string? ReferenceType = null)
{
    /// <summary>The C# property that holds the value.</summary>
    public string MemberName => Member ?? Property;
}

/// <summary>For a polymorphic lookup: the navigation property of one target table and its key column.</summary>
internal sealed record ValuePathAlternative(string NavigationProperty, string ReferenceClass, string KeyColumn);

/// <summary>
/// How a value becomes the target's: an optional constant for null sources (<c>default</c>), then either a
/// plain copy, a value map, or a static method. <see cref="SourceClrType"/> is null for <c>none</c>.
/// </summary>
internal sealed record ConversionModel(
    string? SourceClrType,
    string TargetClrType,
    string? DefaultExpression,
    ConversionKind Kind,
    string? Method,
    bool MethodTakesNonNullable);

internal enum ConversionKind
{
    /// <summary>The source value as it is (same type, or a widening conversion).</summary>
    Copy,

    /// <summary><c>via ValueMap</c>: <see cref="ConversionModel.Method"/> is the generated value-map method.</summary>
    ValueMap,

    /// <summary><c>via Namespace.Type.Method</c>: <see cref="ConversionModel.Method"/> is the user's static method.</summary>
    Method,

    /// <summary><c>none</c> on the source side: the target always gets the default.</summary>
    Constant,
}
