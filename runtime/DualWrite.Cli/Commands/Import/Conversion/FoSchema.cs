using System;
using System.Linq;
using DualWrite.Schema;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>
/// The F&amp;O <c>$metadata</c>, when the import is given it: dual-write writes an enum field's values by member name
/// (<c>yes</c>), which the map language spells <c>NoYes::Yes</c>. Without it every value is written by its look.
/// </summary>
public sealed class FoSchema
{
    private readonly SchemaIndex? _index;

    private FoSchema(SchemaIndex? index) => _index = index;

    public static FoSchema None { get; } = new(null);

    /// <summary>Reads a CSDL document; throws <see cref="FormatException"/> with the reader's message when it is not one.</summary>
    public static FoSchema Read(string path, string text)
    {
        var result = CsdlReader.Read(path, text);
        return result.Schema is { } schema ? new FoSchema(SchemaIndex.ForFo(schema)) : throw new FormatException(result.Error);
    }

    /// <summary>A value of an F&amp;O field as a literal: <c>EnumType::Member</c> when the field is an enum with that member.</summary>
    public string Literal(string entitySet, string field, string value)
    {
        if (_index?.FindEntitySet(entitySet) is { } set
            && _index.EntityTypeOf(set) is { } type
            && _index.FindProperty(type, field) is { } property
            && _index.EnumTypeOf(property) is { } enumType
            && enumType.Members.FirstOrDefault(m => string.Equals(m.Name, value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } member)
        {
            return enumType.Name + "::" + member.Name;
        }

        return DwmapText.Literal(value);
    }
}
