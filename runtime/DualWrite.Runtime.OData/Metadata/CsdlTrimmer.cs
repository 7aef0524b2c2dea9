using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using DualWrite.Schema;

namespace DualWrite.Runtime.OData.Metadata;

/// <summary>
/// Trims a <c>$metadata</c> document to what maps use: their entity sets, the lookup targets they follow, and every
/// type those need (base types, enums, complex types). Navigation properties and bindings to anything else, actions,
/// functions, singletons and their imports are dropped. What the document holds comes from the one schema reader
/// (<see cref="CsdlReader"/>); the second pass only copies the elements kept, streaming, so the size does not matter.
/// </summary>
public static class CsdlTrimmer
{
    /// <summary>Writes the trimmed document; returns the entity sets it kept.</summary>
    /// <exception cref="InvalidDataException">The document is not CSDL, or lacks an entity set or navigation property the maps use.</exception>
    public static IReadOnlyList<string> Trim(string sourcePath, Stream output, CsdlUsage usage)
    {
        // Names match ignoring case, as the maps' names of either side may.
        var index = new SchemaIndex(Read(sourcePath), ignoreCase: true);
        var keep = Closure(index, usage, out var sets);
        using var reader = XmlReader.Create(sourcePath, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = false, CloseOutput = false });
        Copy(reader, writer, index, keep, sets);
        return sets.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    private static SchemaModel Read(string sourcePath)
    {
        using var text = File.OpenText(sourcePath);
        var result = CsdlReader.Read(sourcePath, text);
        return result.Schema ?? throw new InvalidDataException(result.Error);
    }

    private static HashSet<string> Closure(SchemaIndex index, CsdlUsage usage, out HashSet<string> sets)
    {
        var uses = TypeUses(index.Model);
        var types = new HashSet<string>(StringComparer.Ordinal);
        sets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>();
        foreach (var (name, navigations) in usage.EntitySets)
        {
            var set = index.FindEntitySet(name) ?? throw new InvalidDataException($"The $metadata has no entity set '{name}', which the maps use.");
            sets.Add(set.Name);
            pending.Push(set.EntityTypeFullName);
            var type = index.EntityTypeOf(set);
            foreach (var navigation in navigations)
            {
                var property = (type is null ? null : index.FindNavigationProperty(type, navigation))
                    ?? throw new InvalidDataException($"{name} has no navigation property '{navigation}' in the $metadata, which the maps follow.");
                pending.Push(property.TargetTypeFullName);
                if (set.NavigationBindings.FirstOrDefault(b => string.Equals(b.Path, navigation, StringComparison.OrdinalIgnoreCase)) is { } binding)
                {
                    sets.Add(binding.Target);
                }
            }
        }

        Follow(pending, uses, types);

        // Lookup targets' entity sets are kept too, so the trimmed document binds the lookups it keeps.
        foreach (var set in sets)
        {
            if (index.FindEntitySet(set) is { } info)
            {
                pending.Push(info.EntityTypeFullName);
            }
        }

        Follow(pending, uses, types);
        return types;
    }

    private static void Follow(Stack<string> pending, Dictionary<string, IEnumerable<string>> uses, HashSet<string> types)
    {
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (uses.TryGetValue(name, out var used) && types.Add(name))
            {
                foreach (var other in used)
                {
                    pending.Push(other);
                }
            }
        }
    }

    // Every named type and the types it needs: its base type and its properties' types.
    private static Dictionary<string, IEnumerable<string>> TypeUses(SchemaModel model)
    {
        var uses = new Dictionary<string, IEnumerable<string>>(StringComparer.Ordinal);
        foreach (var type in model.EntityTypes)
        {
            uses[type.FullName] = WithBase(type.BaseTypeFullName, type.Properties.Select(p => p.TypeName));
        }

        foreach (var type in model.ComplexTypes)
        {
            uses[type.FullName] = WithBase(type.BaseTypeFullName, type.PropertyTypes);
        }

        foreach (var type in model.EnumTypes)
        {
            uses[type.FullName] = [];
        }

        return uses;
    }

    private static IEnumerable<string> WithBase(string? baseType, IEnumerable<string> propertyTypes) =>
        baseType is null ? propertyTypes.ToList() : propertyTypes.Prepend(baseType).ToList();

    private static void Copy(XmlReader reader, XmlWriter writer, SchemaIndex index, HashSet<string> types, HashSet<string> sets)
    {
        string? schema = null;
        var read = reader.Read();
        while (read)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.LocalName == "Schema")
                    {
                        schema = reader.GetAttribute("Namespace");
                    }

                    if (Drops(reader, index, schema, types, sets))
                    {
                        // Skip moves to the node after the element, which the loop handles without reading again.
                        reader.Skip();
                        read = !reader.EOF;
                        continue;
                    }

                    writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    writer.WriteAttributes(reader, defattr: true);
                    if (reader.IsEmptyElement)
                    {
                        writer.WriteEndElement();
                    }

                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
            }

            read = reader.Read();
        }
    }

    // Type definitions are kept whatever uses them: they name only primitive types, and the model reads through them.
    private static bool Drops(XmlReader reader, SchemaIndex index, string? schema, HashSet<string> types, HashSet<string> sets) => reader.LocalName switch
    {
        "EntityType" or "ComplexType" or "EnumType" => !types.Contains(schema + "." + reader.GetAttribute("Name")),
        "EntitySet" => !sets.Contains(reader.GetAttribute("Name") ?? string.Empty),
        "NavigationPropertyBinding" => !sets.Contains(SetName(reader.GetAttribute("Target"))),
        "NavigationProperty" => !types.Contains(index.ResolveTypeName(reader.GetAttribute("Type") ?? string.Empty)),
        "Action" or "Function" or "ActionImport" or "FunctionImport" or "Singleton" => true,
        "Annotations" => !Targets(reader.GetAttribute("Target"), index, types, sets),
        _ => false,
    };

    private static string SetName(string? target) => target is null ? string.Empty : target[(target.LastIndexOf('/') + 1)..];

    // Out-of-line annotations are kept for the types and entity sets that stay.
    private static bool Targets(string? target, SchemaIndex index, HashSet<string> types, HashSet<string> sets)
    {
        if (target is null)
        {
            return false;
        }

        var path = target.Split('/')[0];
        return types.Contains(index.ResolveTypeName(path)) || sets.Contains(path[(path.LastIndexOf('.') + 1)..]);
    }
}
