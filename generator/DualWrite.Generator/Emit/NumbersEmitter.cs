using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits the number-sequence ranges of a map's key field as a nested class of the map, with the checks the
/// runtime uses to refuse a new record numbered in the other side's range.
/// </summary>
internal static class NumbersEmitter
{
    public static string HintName(NumbersModel model) => $"{model.MapNamespace}.{model.MapName}Map.{model.Name}.g.cs";

    public static string Emit(NumbersModel model)
    {
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        writer.OpenBlock("namespace " + model.MapNamespace);
        writer.OpenBlock($"public static partial class {model.MapName}Map");
        writer.WriteLine($"/// <summary>Number sequence <c>{model.Name}</c> of <c>{model.Field}</c>: F&amp;O {Xml.Escape(Describe(model.Fo))}, Dataverse {Xml.Escape(Describe(model.Dataverse))}.</summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.OpenBlock("public static class " + CSharp.TypeName(model.Name));
        writer.WriteLine("/// <summary>The numbered F&amp;O field.</summary>");
        writer.WriteLine($"public const string Field = {CSharp.StringLiteral(model.Field)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Whether F&amp;O's number sequence hands out <paramref name=\"value\"/>.</summary>");
        writer.WriteLine($"public static bool IsFoNumber(string? value) => {Test(model.Fo)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Whether Dataverse's number sequence hands out <paramref name=\"value\"/>.</summary>");
        writer.WriteLine($"public static bool IsDataverseNumber(string? value) => {Test(model.Dataverse)};");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    public static string Describe(NumberRangeModel range) =>
        range.Prefix is not null ? $"prefix \"{range.Prefix}\"" : $"\"{range.From}\"..\"{range.To}\"";

    private static string Test(NumberRangeModel range) => range.Prefix is not null
        ? $"value is not null && value.StartsWith({CSharp.StringLiteral(range.Prefix)}, global::System.StringComparison.OrdinalIgnoreCase)"
        : $"value is not null && string.Compare(value, {CSharp.StringLiteral(range.From!)}, global::System.StringComparison.OrdinalIgnoreCase) >= 0 && string.Compare(value, {CSharp.StringLiteral(range.To!)}, global::System.StringComparison.OrdinalIgnoreCase) <= 0";
}
