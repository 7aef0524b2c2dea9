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

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteMethod(SourceWriter writer, ValueMapModel model, string name, string towards, string from, string to, ValueMapDirectionModel direction)
    {
        var miss = direction.Else ?? $"throw new global::System.InvalidOperationException({CSharp.StringLiteral($"Value map '{model.Name}' has no entry {towards} for '")} + value + {CSharp.StringLiteral("' and no 'else'.")})";
        writer.WriteLine($"/// <summary>Converts a value {Xml.Escape(towards)}.</summary>");
        if (direction.IgnoreCase)
        {
            // A switch on strings is case-sensitive; F&O and Dataverse match text ignoring case.
            writer.OpenBlock($"public static {to} {name}({from} value)");
            writer.OpenBlock("if (value is null)");
            writer.WriteLine("return null;");
            writer.CloseBlock();
            foreach (var @case in direction.Cases)
            {
                writer.WriteLine();
                writer.OpenBlock($"if (string.Equals(value, {@case.From}, global::System.StringComparison.OrdinalIgnoreCase))");
                writer.WriteLine($"return {@case.To};");
                writer.CloseBlock();
            }

            writer.WriteLine();
            writer.WriteLine(direction.Else is null ? miss + ";" : $"return {miss};");
            writer.CloseBlock();
            return;
        }

        writer.WriteLine($"public static {to} {name}({from} value) => value switch");
        writer.OpenBlock();
        writer.WriteLine($"null => null,");
        foreach (var @case in direction.Cases)
        {
            writer.WriteLine($"{@case.From} => {@case.To},");
        }

        if (!direction.IsExhaustive)
        {
            writer.WriteLine($"_ => {miss},");
        }

        writer.CloseBlock(";");
    }
}
