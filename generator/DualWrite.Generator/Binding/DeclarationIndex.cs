using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// The names every file may refer to (maps, value maps), without source positions: editing a file changes
/// this index only when a declaration's meaning changes, so the other files' bindings stay cached.
/// </summary>
internal sealed record DeclarationIndex(EquatableArray<MapSummary> Maps, EquatableArray<ValueMapSummary> ValueMaps)
{
    public static readonly DeclarationIndex Empty = new(EquatableArray<MapSummary>.Empty, EquatableArray<ValueMapSummary>.Empty);

    public MapSummary? FindMap(string name) => Maps.FirstOrDefault(m => m.Name == name);

    public ValueMapSummary? FindValueMap(string name) => ValueMaps.FirstOrDefault(v => v.Name == name);

    /// <summary>The declarations of one file.</summary>
    public static DeclarationIndex Of(DwmapFile file, string? rootNamespace)
    {
        var @namespace = NamespaceOf(file, rootNamespace);
        var maps = new List<MapSummary>();
        var valueMaps = new List<ValueMapSummary>();
        foreach (var declaration in file.Declarations)
        {
            switch (declaration)
            {
                case MapDeclaration map:
                    maps.Add(new MapSummary(map.Name.Text, @namespace, map.FoEntitySet.Text, map.DataverseEntitySet.Text, map.FoUserType));
                    break;
                case ValueMapDeclaration valueMap:
                    valueMaps.Add(ValueMapSummary.Of(valueMap, @namespace));
                    break;
            }
        }

        return new DeclarationIndex(maps.ToEquatableArray(), valueMaps.ToEquatableArray());
    }

    /// <summary>The declarations of all files, first declaration of a name first.</summary>
    public static DeclarationIndex Merge(IEnumerable<DeclarationIndex> indexes)
    {
        var list = indexes.ToList();
        return new DeclarationIndex(
            list.SelectMany(i => i.Maps).ToEquatableArray(),
            list.SelectMany(i => i.ValueMaps).ToEquatableArray());
    }

    /// <summary>The namespace of a file's generated code: its <c>namespace</c>, else the project's root namespace.</summary>
    /// <summary>The file's namespace as C# spells it (a segment that is a keyword gets <c>@</c>).</summary>
    public static string NamespaceOf(DwmapFile file, string? rootNamespace) =>
        file.Namespace is { } declared
            ? string.Join(".", declared.Parts.Select(p => CSharp.TypeName(p.Text)))
            : (string.IsNullOrWhiteSpace(rootNamespace) ? DefaultNamespace : rootNamespace!);

    public const string DefaultNamespace = "DualWrite.Generated";
}

/// <summary>A map as other declarations see it.</summary>
internal sealed record MapSummary(string Name, string Namespace, string FoEntitySet, string DataverseEntitySet, string? FoUserType = null);

/// <summary>
/// A value map as the fields that name it with <c>via</c> see it: the kind of values on each side and which
/// directions it has entries for.
/// </summary>
internal sealed record ValueMapSummary(
    string Name,
    string Namespace,
    ValueShape Fo,
    ValueShape Dataverse,
    bool ConvertsToDataverse,
    bool ConvertsToFo)
{
    public static ValueMapSummary Of(ValueMapDeclaration declaration, string @namespace)
    {
        var entries = ValueMapEntryValues.Of(declaration);
        var fo = ValueShape.Of(entries.Select(e => e.Fo));
        var dataverse = ValueShape.Of(entries.Select(e => e.Dataverse));
        var toDataverse = declaration.Entries.Any(e => e.Direction != SyncDirection.ToFo);
        var toFo = declaration.Entries.Any(e => e.Direction != SyncDirection.ToDataverse);
        return new ValueMapSummary(declaration.Name.Text, @namespace, fo, dataverse, toDataverse, toFo);
    }
}

/// <summary>
/// The common kind of the literals on one side of a value map (<c>else</c> and <c>null</c> do not count);
/// <see cref="IsMixed"/> when they disagree. <see cref="EnumType"/> is set for <c>EnumType::Member</c> values.
/// </summary>
internal sealed record ValueShape(LiteralKind? Kind, string? EnumType, bool IsMixed)
{
    public static ValueShape Of(IEnumerable<Literal?> literals)
    {
        LiteralKind? kind = null;
        string? enumType = null;
        var mixed = false;
        foreach (var literal in literals)
        {
            if (literal is null || literal.Kind == LiteralKind.Null)
            {
                continue;
            }

            if (kind is null)
            {
                kind = literal.Kind;
                enumType = literal.EnumType;
            }
            else if (kind == literal.Kind)
            {
                mixed |= kind == LiteralKind.EnumValue && !string.Equals(enumType, literal.EnumType, StringComparison.OrdinalIgnoreCase);
            }
            else if ((kind, literal.Kind) is (LiteralKind.Integer, LiteralKind.Decimal) or (LiteralKind.Decimal, LiteralKind.Integer))
            {
                kind = LiteralKind.Decimal;
            }
            else
            {
                mixed = true;
            }
        }

        return new ValueShape(kind, enumType, mixed);
    }
}
