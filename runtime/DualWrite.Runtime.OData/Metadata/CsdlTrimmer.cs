using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;

namespace DualWrite.Runtime.OData.Metadata;

/// <summary>
/// Trims a <c>$metadata</c> document to what maps use: their entity sets, the lookup targets they follow, and every
/// type those need (base types, enums, complex types). Navigation properties and bindings to anything else, actions,
/// functions, singletons and their imports are dropped. Both passes stream, so the document's size does not matter.
/// </summary>
public static class CsdlTrimmer
{
    /// <summary>Writes the trimmed document; returns the entity sets it kept.</summary>
    /// <exception cref="InvalidDataException">The document lacks an entity set or navigation property the maps use.</exception>
    public static IReadOnlyList<string> Trim(string sourcePath, Stream output, CsdlUsage usage)
    {
        var graph = CsdlTypeGraph.Read(sourcePath);
        var keep = Closure(graph, usage, out var sets);
        using var reader = XmlReader.Create(sourcePath, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = false, CloseOutput = false });
        Copy(reader, writer, graph, keep, sets);
        return sets.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    private static HashSet<string> Closure(CsdlTypeGraph graph, CsdlUsage usage, out HashSet<string> sets)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        sets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>();
        foreach (var (name, navigations) in usage.EntitySets)
        {
            var set = graph.Sets.GetValueOrDefault(name) ?? throw new InvalidDataException($"The $metadata has no entity set '{name}', which the maps use.");
            sets.Add(graph.Sets.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)));
            var typeName = graph.Resolve(set.Type);
            pending.Push(typeName);
            foreach (var navigation in navigations)
            {
                var target = FindNavigation(graph, typeName, navigation)
                    ?? throw new InvalidDataException($"{name} has no navigation property '{navigation}' in the $metadata, which the maps follow.");
                pending.Push(target);
                if (set.Bindings.TryGetValue(navigation, out var bound))
                {
                    sets.Add(bound);
                }
            }
        }

        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!graph.Types.TryGetValue(name, out var type) || !types.Add(name))
            {
                continue;
            }

            if (type.BaseType is { } baseType)
            {
                pending.Push(graph.Resolve(baseType));
            }

            foreach (var propertyType in type.PropertyTypes)
            {
                pending.Push(graph.Resolve(propertyType));
            }
        }

        // Lookup targets' entity sets are kept too, so the trimmed document binds the lookups it keeps.
        foreach (var set in sets.ToList())
        {
            if (graph.Sets.TryGetValue(set, out var info))
            {
                pending.Push(graph.Resolve(info.Type));
            }
        }

        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (graph.Types.TryGetValue(name, out var type) && types.Add(name))
            {
                if (type.BaseType is { } baseType)
                {
                    pending.Push(graph.Resolve(baseType));
                }

                foreach (var propertyType in type.PropertyTypes)
                {
                    pending.Push(graph.Resolve(propertyType));
                }
            }
        }

        return types;
    }

    private static string? FindNavigation(CsdlTypeGraph graph, string typeName, string navigation)
    {
        for (var name = typeName; name is not null && graph.Types.TryGetValue(name, out var type);)
        {
            if (type.Navigations.TryGetValue(navigation, out var target))
            {
                return graph.Resolve(target);
            }

            name = type.BaseType is null ? null : graph.Resolve(type.BaseType);
        }

        return null;
    }

    private static void Copy(XmlReader reader, XmlWriter writer, CsdlTypeGraph graph, HashSet<string> types, HashSet<string> sets)
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

                    if (Drops(reader, graph, schema, types, sets))
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

    private static bool Drops(XmlReader reader, CsdlTypeGraph graph, string? schema, HashSet<string> types, HashSet<string> sets) => reader.LocalName switch
    {
        "EntityType" or "ComplexType" or "EnumType" or "TypeDefinition" => !types.Contains(schema + "." + reader.GetAttribute("Name")),
        "EntitySet" => !sets.Contains(reader.GetAttribute("Name") ?? string.Empty),
        "NavigationPropertyBinding" => !sets.Contains(reader.GetAttribute("Target") ?? string.Empty),
        "NavigationProperty" => !types.Contains(graph.Resolve(reader.GetAttribute("Type") ?? string.Empty)),
        "Action" or "Function" or "ActionImport" or "FunctionImport" or "Singleton" => true,
        "Annotations" => !Targets(reader.GetAttribute("Target"), graph, types, sets),
        _ => false,
    };

    // Out-of-line annotations are kept for the types and entity sets that stay.
    private static bool Targets(string? target, CsdlTypeGraph graph, HashSet<string> types, HashSet<string> sets)
    {
        if (target is null)
        {
            return false;
        }

        var path = target.Split('/')[0];
        return types.Contains(graph.Resolve(path)) || sets.Contains(path[(path.LastIndexOf('.') + 1)..]);
    }
}
