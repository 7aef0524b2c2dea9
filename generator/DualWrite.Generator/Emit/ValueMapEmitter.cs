using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits a value map as a static class with one method per direction. Null stays null (the field's
/// <c>default</c> handles it); a value with no entry and no <c>else</c> throws, so the record goes to the error
/// list instead of being written with a guessed value.
/// </summary>
internal static class ValueMapEmitter
{
    /// <summary>The suffix of the lookup table of a direction's method (<c>ToDataverseTable</c>).</summary>
    public const string TableSuffix = "Table";

    /// <summary>The method that builds the tables.</summary>
    public const string BuildTable = "BuildTable";

    public static string HintName(ValueMapModel model) => $"{model.Namespace}.ValueMaps.{model.Name}.g.cs";

    public static string Emit(ValueMapModel model)
    {
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        writer.OpenBlock("namespace " + model.Namespace + ".ValueMaps");
        writer.WriteLine($"/// <summary>Value map <c>{model.Name}</c>.</summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.OpenBlock("public static class " + CSharp.TypeName(model.Name));
        if (model.ToDataverse is { } toDataverse)
        {
            WriteMethod(writer, model, "ToDataverse", "towards Dataverse", model.FoClrType, model.DataverseClrType, toDataverse);
        }

        if (model.ToFo is { } toFo)
        {
            if (model.ToDataverse is not null)
            {
                writer.WriteLine();
            }

            WriteMethod(writer, model, "ToFo", "towards F&O", model.DataverseClrType, model.FoClrType, toFo);
        }

        WriteBuildTable(writer);
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteMethod(SourceWriter writer, ValueMapModel model, string name, string towards, string from, string to, ValueMapDirectionModel direction)
    {
        var miss = direction.Else ?? $"throw new global::System.InvalidOperationException({CSharp.StringLiteral($"Value map '{model.Name}' has no entry {towards} for '")} + value + {CSharp.StringLiteral("' and no 'else'.")})";
        writer.WriteLine($"/// <summary>Converts a value {Xml.Escape(towards)}.</summary>");
        // A table, not a switch or an if per entry: its compile cost grows linearly with the entries (two array
        // initializers), where a switch or an if chain of thousands of entries takes the C# compiler minutes. Text
        // matches ignoring case, as in F&O and Dataverse.
        var key = ClrTypes.Underlying(from);
        var table = name + TableSuffix;
        writer.OpenBlock($"public static {to} {name}({from} value)");
        writer.OpenBlock("if (value is null)");
        writer.WriteLine("return null;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"return {table}.TryGetValue({(direction.IgnoreCase ? "value" : "value.Value")}, out var result) ? result : {miss};");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"private static readonly global::System.Collections.Generic.Dictionary<{key}, {to}> {table} = {BuildTable}(");
        writer.WriteLine($"    new {key}[] {{ {string.Join(", ", direction.Cases.Select(c => c.From))} }},");
        writer.WriteLine($"    new {to}[] {{ {string.Join(", ", direction.Cases.Select(c => c.To))} }},");
        writer.WriteLine("    " + (direction.IgnoreCase ? "global::System.StringComparer.OrdinalIgnoreCase" : "null") + ");");
    }

    private static void WriteBuildTable(SourceWriter writer)
    {
        writer.WriteLine();
        writer.OpenBlock($"private static global::System.Collections.Generic.Dictionary<TKey, TValue> {BuildTable}<TKey, TValue>(TKey[] keys, TValue[] values, global::System.Collections.Generic.IEqualityComparer<TKey>? comparer) where TKey : notnull");
        writer.WriteLine("var table = new global::System.Collections.Generic.Dictionary<TKey, TValue>(keys.Length, comparer);");
        writer.OpenBlock("for (var i = 0; i < keys.Length; i++)");
        writer.WriteLine("table[keys[i]] = values[i];");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("return table;");
        writer.CloseBlock();
    }
}
