using System.Globalization;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>Emits an F&amp;O enum with the schema's member names and values.</summary>
internal static class EnumEmitter
{
    public static string HintName(EnumModel model) => $"{model.Namespace}.Fo.{model.Name}.g.cs";

    public static string Emit(EnumModel model)
    {
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        writer.OpenBlock("namespace " + model.Namespace + ".Fo");
        writer.WriteLine($"/// <summary>F&amp;O enum <c>{Xml.Escape(model.Name)}</c>.</summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        if (model.IsFlags)
        {
            writer.WriteLine("[global::System.Flags]");
        }

        writer.OpenBlock("public enum " + model.Name + (model.UnderlyingClrType == "int" ? string.Empty : " : " + model.UnderlyingClrType));
        foreach (var member in model.Members)
        {
            writer.WriteLine($"{CSharp.Identifier(member.Name)} = {member.Value.ToString(CultureInfo.InvariantCulture)},");
        }

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
