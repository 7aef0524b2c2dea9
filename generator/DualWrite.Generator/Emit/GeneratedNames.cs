using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Which .dwmap names generated C# cannot carry (DW0026), as the emitters name things: a value map becomes a class
/// with <c>ToDataverse</c> / <c>ToFo</c> (and their tables), a <c>numbers</c> a class nested in its map's class, whose members it must
/// not repeat, and every name must fit C#'s identifier length. Keywords are not a problem: they are escaped
/// (<see cref="Common.CSharp.TypeName"/>).
/// </summary>
internal static class GeneratedNames
{
    /// <summary>C#'s longest identifier (CS7013).</summary>
    public const int MaxIdentifierLength = 1024;

    /// <summary>The suffix of a map's class (DSL.md §6).</summary>
    public const string MapClassSuffix = "Map";

    // MapEmitter, KeyEmitter and DefinitionEmitter: the members of a map's class.
    private static readonly string[] MapMembers =
    {
        "Name", "FoEntitySet", "DataverseEntitySet", "FoODataFilter", "MatchesFoFilter", "MatchesDataverseFilter", "ToDataverse", "ToFo",
        "GetFoKey", "GetDataverseKey", "FoKey", "DataverseKey", "Definition", "DualWriteDefinition",
    };

    // NumbersEmitter: the members of a numbers class, which may not share its name (CS0542).
    private static readonly string[] NumbersMembers = { "Field", "IsFoNumber", "IsDataverseNumber" };

    // ValueMapEmitter: the members of a value map's class.
    private static readonly string[] ValueMapMembers =
        { "ToDataverse", "ToFo", "ToDataverse" + ValueMapEmitter.TableSuffix, "ToFo" + ValueMapEmitter.TableSuffix, ValueMapEmitter.BuildTable };

    /// <summary>Why a namespace segment cannot be generated, or null.</summary>
    public static string? NamespaceProblem(string segment) => TooLong(segment, segment.Length, "namespace segment");

    /// <summary>Why map <paramref name="name"/> cannot be generated, or null.</summary>
    public static string? MapProblem(string name) => TooLong(name, name.Length + MapClassSuffix.Length, "map's class '" + name + MapClassSuffix + "'");

    /// <summary>Why value map <paramref name="name"/> cannot be generated, or null.</summary>
    public static string? ValueMapProblem(string name) =>
        TooLong(name, name.Length, "value map's class")
        ?? (ValueMapMembers.Contains(name)
            ? $"Value map '{name}' would be a class named like its own method '{name}' (the generated value map has {string.Join(" and ", ValueMapMembers)}); choose another name."
            : null);

    /// <summary>Why numbers <paramref name="name"/> of map <paramref name="mapName"/> cannot be generated, or null.</summary>
    public static string? NumbersProblem(string name, string mapName) =>
        TooLong(name, name.Length, "numbers class")
        ?? (MapMembers.Contains(name) || name == mapName + MapClassSuffix
            ? $"Numbers '{name}' is generated as a class inside '{mapName}{MapClassSuffix}', which already has a member '{name}'; choose another name."
            : NumbersMembers.Contains(name)
                ? $"Numbers '{name}' would be a class named like its own member '{name}' (a numbers class has {string.Join(", ", NumbersMembers)}); choose another name."
                : null);

    private static string? TooLong(string name, int length, string what) => length > MaxIdentifierLength
        ? $"Name '{name.Substring(0, 16)}…' ({name.Length.ToString(CultureInfo.InvariantCulture)} characters) makes the generated {what} longer than C#'s {MaxIdentifierLength.ToString(CultureInfo.InvariantCulture)}-character limit for a name; choose a shorter name."
        : null;
}
