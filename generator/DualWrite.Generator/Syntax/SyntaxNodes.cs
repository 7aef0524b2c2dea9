using DualWrite.Generator.Common;

namespace DualWrite.Generator.Syntax;

// The syntax tree of a .dwmap file (DSL.md §3). Every node keeps the exact range of its tokens so that
// diagnostics can point at the offending token. Nodes are records: equal trees compare equal, which lets
// the incremental pipeline cache everything downstream of an unchanged file.

/// <summary>An identifier as written, with its range.</summary>
internal sealed record Identifier(string Text, TextRange Range);

/// <summary><c>A.B.C</c>.</summary>
internal sealed record DottedName(EquatableArray<Identifier> Parts, TextRange Range)
{
    public string Text => string.Join(".", System.Linq.Enumerable.Select(Parts, p => p.Text));
}

/// <summary>
/// A literal. <see cref="Value"/> is the decoded value in invariant form: string contents without quotes
/// and with escapes resolved; numbers as written; <c>true</c>/<c>false</c>; <c>null</c>; enum values as
/// <c>EnumType::Member</c>.
/// </summary>
internal sealed record Literal(LiteralKind Kind, string Value, TextRange Range)
{
    /// <summary>For <see cref="LiteralKind.EnumValue"/>: the part before <c>::</c>.</summary>
    public string? EnumType => Kind == LiteralKind.EnumValue ? Value.Substring(0, Value.IndexOf("::", System.StringComparison.Ordinal)) : null;

    /// <summary>For <see cref="LiteralKind.EnumValue"/>: the part after <c>::</c>.</summary>
    public string? EnumMember => Kind == LiteralKind.EnumValue ? Value.Substring(Value.IndexOf("::", System.StringComparison.Ordinal) + 2) : null;

    /// <summary>The literal in the map language's notation: a string quoted with its escapes, anything else as its value.</summary>
    public string Notation => Kind == LiteralKind.String
        ? "\"" + Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
        : Value;
}

/// <summary>
/// One parsed .dwmap file, or the declarations one C# class (or one file's assembly attributes) makes with
/// attributes. <see cref="Diagnostics"/> holds its syntax errors (DW0001, or DW0025 for attributes).
/// <see cref="SchemaDirectory"/> is what <c>schema</c> paths are relative to when it is not the file's own
/// directory (the project directory, for attributes). <see cref="Text"/> is the parsed text of a .dwmap file, which
/// lets a <see cref="Incremental.DeclarationUnit"/> compare its declaration by text.
/// </summary>
internal sealed record DwmapFile(
    string Path,
    LineMap Lines,
    DottedName? Namespace,
    EquatableArray<Declaration> Declarations,
    EquatableArray<Checks.DiagnosticInfo> Diagnostics,
    string? SchemaDirectory = null,
    string? Text = null);

internal abstract record Declaration(TextRange Range);

/// <summary><c>schema fo "path"</c>.</summary>
internal sealed record SchemaDeclaration(Side Side, TextRange SideRange, Literal Path, TextRange Range) : Declaration(Range);

/// <summary>
/// <c>map Name : fo EntitySet dir dataverse entityset { items }</c>. In the attribute form a side may be a class
/// the user owns (<c>typeof(VendorGroup)</c>): <see cref="FoUserType"/> / <see cref="DataverseUserType"/> name it
/// fully qualified, and the entity set is the one its <c>[FoEntity]</c> / <c>[DataverseEntity]</c> names, with the
/// range of the <c>typeof</c>.
/// </summary>
internal sealed record MapDeclaration(
    Identifier Name,
    Identifier FoEntitySet,
    SyncDirection Direction,
    TextRange DirectionRange,
    Identifier DataverseEntitySet,
    EquatableArray<MapItem> Items,
    TextRange Range,
    string? FoUserType = null,
    string? DataverseUserType = null) : Declaration(Range);

/// <summary><c>valuemap Name { entries }</c>.</summary>
internal sealed record ValueMapDeclaration(Identifier Name, EquatableArray<ValueMapEntry> Entries, TextRange Range) : Declaration(Range);

/// <summary>
/// One entry of a value map. A null side is <c>else</c>; its range is then the range of the keyword.
/// </summary>
internal sealed record ValueMapEntry(
    Literal? Fo,
    TextRange FoRange,
    SyncDirection Direction,
    TextRange DirectionRange,
    Literal? Dataverse,
    TextRange DataverseRange,
    TextRange Range);

/// <summary><c>numbers Name for Map.Field { ranges }</c>.</summary>
internal sealed record NumbersDeclaration(
    Identifier Name,
    Identifier Map,
    Identifier Field,
    EquatableArray<NumberRange> Ranges,
    TextRange Range) : Declaration(Range);

/// <summary><c>fo "A".."B"</c> (From and To set) or <c>fo prefix "F"</c> (Prefix set).</summary>
internal sealed record NumberRange(Side Side, TextRange SideRange, Literal? From, Literal? To, Literal? Prefix, TextRange Range);

internal abstract record MapItem(TextRange Range);

/// <summary><c>company striped</c> / <c>company global</c>.</summary>
internal sealed record CompanyItem(CompanyScope Scope, TextRange Range) : MapItem(Range);

/// <summary><c>key a &lt;-&gt; b, c &lt;-&gt; d</c>.</summary>
internal sealed record KeyItem(EquatableArray<KeyPair> Pairs, TextRange Range) : MapItem(Range);

internal sealed record KeyPair(Identifier Fo, Identifier Dataverse, TextRange Range);

/// <summary>
/// <c>filter fo `text`</c>. <see cref="Text"/> is the raw text between the backticks and
/// <see cref="TextRange"/> its range (without the backticks), so filter diagnostics can point inside it.
/// Where the source spells the text with escapes (a C# string literal), <see cref="SourceOffsets"/> holds the
/// source offset of each character of <see cref="Text"/> and of its end; empty means the text is verbatim.
/// </summary>
internal sealed record FilterItem(Side Side, TextRange SideRange, string Text, TextRange TextRange, TextRange Range, EquatableArray<int> SourceOffsets = default) : MapItem(Range);

/// <summary><c>after A, B</c>.</summary>
internal sealed record AfterItem(EquatableArray<Identifier> Maps, TextRange Range) : MapItem(Range);

/// <summary><c>conflict latest-wins</c>.</summary>
internal sealed record ConflictItem(ConflictPolicy Policy, TextRange PolicyRange, TextRange Range) : MapItem(Range);

/// <summary><c>deletes sync</c> / <c>deletes ignore</c>.</summary>
internal sealed record DeletesItem(DeletePolicy Policy, TextRange PolicyRange, TextRange Range) : MapItem(Range);

/// <summary>
/// A field mapping. A null <see cref="Fo"/> or <see cref="Dataverse"/> is <c>none</c>; the matching range
/// is then the range of the keyword.
/// </summary>
internal sealed record FieldItem(
    Identifier? Fo,
    TextRange FoRange,
    SyncDirection Direction,
    TextRange DirectionRange,
    DataversePath? Dataverse,
    TextRange DataverseRange,
    EquatableArray<Transform> Transforms,
    TextRange Range) : MapItem(Range);

/// <summary>
/// A Dataverse column or a path through lookups (<c>a.b.c</c>), or a polymorphic lookup
/// (<c>customerid.Account(accountnumber).Contact(msdyn_contactpersonid)</c>: <see cref="Segments"/> holds
/// the lookup alone and <see cref="PolymorphicTargets"/> the tables).
/// </summary>
internal sealed record DataversePath(EquatableArray<Identifier> Segments, EquatableArray<PolymorphicTarget> PolymorphicTargets, TextRange Range)
{
    public bool IsPolymorphic => !PolymorphicTargets.IsEmpty;

    public string Text => string.Join(".", System.Linq.Enumerable.Select(Segments, s => s.Text))
        + string.Concat(System.Linq.Enumerable.Select(PolymorphicTargets, t => "." + t.Table.Text + "(" + t.KeyColumn.Text + ")"));
}

internal sealed record PolymorphicTarget(Identifier Table, Identifier KeyColumn, TextRange Range);

internal abstract record Transform(TextRange Range);

/// <summary><c>default literal</c>.</summary>
internal sealed record DefaultTransform(Literal Value, TextRange Range) : Transform(Range);

/// <summary><c>via Name</c> or <c>via Namespace.Type.Method</c>.</summary>
internal sealed record ViaTransform(DottedName Name, TextRange Range) : Transform(Range);
