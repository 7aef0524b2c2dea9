using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits the runtime description of an entity class (<c>global::DualWrite.EntityDescriptor&lt;T&gt;</c>) into
/// <c>N.DualWriteDescriptors</c>: accessors typed by the property's own type
/// (<c>EntityProperty&lt;T, TValue&gt;</c>), so a runtime reads, compares and copies records by property name without
/// reflection and without boxing value types.
/// </summary>
internal static class DescriptorEmitter
{
    public const string ClassName = "DualWriteDescriptors";

    /// <summary>The member of <c>DualWriteDescriptors</c> that describes a class, e.g. <c>Dataverse_Account</c>.</summary>
    public static string MemberName(Side side, string className) => EntityRef.SideNamespace(side) + "_" + className;

    public static string QualifiedMember(string @namespace, Side side, string className) => $"global::{@namespace}.{ClassName}.{MemberName(side, className)}";

    public static void Write(SourceWriter writer, EntityClassModel model)
    {
        var type = model.QualifiedName;
        writer.OpenBlock("namespace " + model.Namespace);
        writer.OpenBlock($"internal static partial class {ClassName}");
        writer.WriteLine($"/// <summary>Describes <see cref=\"{type}\"/> to the runtime.</summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.WriteLine($"public static readonly global::DualWrite.EntityDescriptor<{type}> {MemberName(model.Side, model.ClassName)} = new global::DualWrite.EntityDescriptor<{type}>(");
        writer.WriteLine($"    global::DualWrite.Side.{model.Side},");
        writer.WriteLine($"    {CSharp.StringLiteral(model.SchemaTypeFullName)},");
        writer.WriteLine($"    {(model.EntitySet is null ? "null" : CSharp.StringLiteral(model.EntitySet))},");
        writer.WriteLine($"    static () => new {type}(),");
        writer.WriteLine($"    new global::DualWrite.EntityProperty<{type}>[]");
        writer.WriteLine("    {");
        foreach (var property in model.Properties)
        {
            var name = CSharp.Identifier(property.MemberName);
            // The looked-up descriptor may be initialized after this one (static initializers of a partial class
            // run in an unspecified file order), so nullable analysis sees it as maybe-null here; the lambda only
            // reads it after type initialization has finished.
            var reference = property.ReferenceClass is null ? string.Empty : $", static () => {MemberName(model.Side, property.ReferenceClass)}!";
            writer.WriteLine($"        new global::DualWrite.EntityProperty<{type}, {property.ClrType}>({CSharp.StringLiteral(property.Name)}, {CSharp.StringLiteral(property.EdmType)}, static e => e.{name}, static (e, v) => e.{name} = v{reference}),");
        }

        writer.WriteLine("    });");
        writer.CloseBlock();
        writer.CloseBlock();
    }
}
