using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits the integration key of each side as a <c>readonly record struct</c> with an accessor. Keys compare
/// ignoring case, as both services' databases match them.
/// </summary>
internal static class KeyEmitter
{
    public static void Write(SourceWriter writer, MapModel map, string fo, string dataverse)
    {
        WriteAccessor(writer, "FoKey", "GetFoKey", fo, map.FoKey, "an F&amp;O");
        WriteAccessor(writer, "DataverseKey", "GetDataverseKey", dataverse, map.DataverseKey, "a Dataverse");
        WriteStruct(writer, "FoKey", map.FoKey, "an F&amp;O");
        writer.WriteLine();
        WriteStruct(writer, "DataverseKey", map.DataverseKey, "a Dataverse");
    }

    private static void WriteAccessor(SourceWriter writer, string type, string name, string entityType, EquatableArray<KeyMemberModel> members, string side)
    {
        writer.WriteLine($"/// <summary>The integration key of {side} record.</summary>");
        var arguments = string.Join(", ", members.Select(m => PathExpressions.Read("entity", m.Path)));
        writer.WriteLine($"public static {type} {name}({entityType} entity) => new {type}({arguments});");
        writer.WriteLine();
    }

    private static void WriteStruct(SourceWriter writer, string type, EquatableArray<KeyMemberModel> members, string side)
    {
        var parameters = string.Join(", ", members.Select(m => $"{m.Path.ClrType} {CSharp.Identifier(m.Name)}"));
        writer.WriteLine($"/// <summary>The integration key of {side} record; text compares ignoring case.</summary>");
        writer.OpenBlock($"public readonly record struct {type}({parameters})");
        writer.WriteLine($"/// <summary>Whether both keys identify the same record.</summary>");
        writer.WriteLine($"public bool Equals({type} other) =>");
        writer.WriteLine("    " + string.Join(" &&\n    ", members.Select(m => Equality(m, "other"))) + ";");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.OpenBlock("public override int GetHashCode()");
        writer.WriteLine("var hash = 17;");
        foreach (var member in members)
        {
            writer.WriteLine($"hash = unchecked((hash * 31) + {Hash(member)});");
        }

        writer.WriteLine("return hash;");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static string Equality(KeyMemberModel member, string other)
    {
        var name = CSharp.Identifier(member.Name);
        return ClrTypes.Underlying(member.Path.ClrType) == "string"
            ? $"string.Equals({name}, {other}.{name}, global::System.StringComparison.OrdinalIgnoreCase)"
            : $"global::System.Collections.Generic.EqualityComparer<{member.Path.ClrType}>.Default.Equals({name}, {other}.{name})";
    }

    private static string Hash(KeyMemberModel member)
    {
        var name = CSharp.Identifier(member.Name);
        return ClrTypes.Underlying(member.Path.ClrType) == "string"
            ? $"({name} is null ? 0 : global::System.StringComparer.OrdinalIgnoreCase.GetHashCode({name}))"
            : $"{name}.GetHashCode()";
    }
}
