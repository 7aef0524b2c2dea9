using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Emit;

/// <summary>Emits an entity class (DSL.md §6): one get/set property per schema property a map uses.</summary>
internal static class EntityClassEmitter
{
    public static string HintName(EntityClassModel model) => $"{model.Namespace}.{EntityRef.SideNamespace(model.Side)}.{model.ClassName}.g.cs";

    public static string Emit(EntityClassModel model)
    {
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        if (model.UserType is not null)
        {
            // The user owns the class; the runtime only needs its description.
            DescriptorEmitter.Write(writer, model);
            return writer.ToString();
        }

        writer.OpenBlock("namespace " + model.Namespace + "." + EntityRef.SideNamespace(model.Side));
        var side = model.Side == Side.Fo ? "F&O entity" : "Dataverse table";
        var set = model.EntitySet is null ? string.Empty : $" (entity set <c>{Xml.Escape(model.EntitySet)}</c>)";
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// {Xml.Escape(side)} <c>{Xml.Escape(model.SchemaTypeFullName)}</c>{set}: the properties that the maps of this project use.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.OpenBlock("public sealed partial class " + model.ClassName);
        var first = true;
        foreach (var property in model.Properties)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            var what = property.ReferenceClass is null
                ? $"<c>{Xml.Escape(property.Name)}</c> ({Xml.Escape(property.EdmType)})."
                : $"Lookup <c>{Xml.Escape(property.Name)}</c> to <c>{Xml.Escape(property.EdmType)}</c>: the looked-up row, identified by its key columns.";
            writer.WriteLine($"/// <summary>{what}</summary>");
            writer.WriteLine($"public {property.ClrType} {CSharp.Identifier(property.Name)} {{ get; set; }}");
        }

        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        DescriptorEmitter.Write(writer, model);
        return writer.ToString();
    }
}
