using System;
using System.Collections.Generic;
using System.Xml;

namespace DualWrite.Runtime.OData.Metadata;

/// <summary>
/// The names in a CSDL document and how they refer to each other (base types, property types, navigation targets,
/// entity sets and their bindings), read in one streaming pass: a document of tens of megabytes is never held as a tree.
/// </summary>
internal sealed class CsdlTypeGraph
{
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public Dictionary<string, TypeInfo> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SetInfo> Sets { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static CsdlTypeGraph Read(string path)
    {
        var graph = new CsdlTypeGraph();
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, IgnoreWhitespace = true, DtdProcessing = DtdProcessing.Prohibit });
        string? schema = null;
        TypeInfo? type = null;
        SetInfo? set = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "Schema":
                    schema = reader.GetAttribute("Namespace");
                    if (reader.GetAttribute("Alias") is { } alias && schema is not null)
                    {
                        graph._aliases[alias] = schema;
                    }

                    break;
                case "EntityType" or "ComplexType" or "EnumType" or "TypeDefinition":
                    type = new TypeInfo(reader.LocalName, reader.GetAttribute("BaseType"));
                    graph.Types[schema + "." + reader.GetAttribute("Name")] = type;
                    set = null;
                    break;
                case "Property" when type is not null && reader.GetAttribute("Type") is { } propertyType:
                    type.PropertyTypes.Add(propertyType);
                    break;
                case "NavigationProperty" when type is not null && reader.GetAttribute("Name") is { } name && reader.GetAttribute("Type") is { } target:
                    type.Navigations[name] = target;
                    break;
                case "EntitySet" or "Singleton" when reader.GetAttribute("Name") is { } setName:
                    set = new SetInfo(reader.LocalName, reader.GetAttribute("EntityType") ?? reader.GetAttribute("Type") ?? string.Empty);
                    graph.Sets[setName] = set;
                    type = null;
                    break;
                case "NavigationPropertyBinding" when set is not null && reader.GetAttribute("Path") is { } bindingPath && reader.GetAttribute("Target") is { } bound:
                    set.Bindings[bindingPath] = bound;
                    break;
                case "EntityContainer" or "Action" or "Function" or "Term" or "Annotations":
                    type = null;
                    set = null;
                    break;
            }
        }

        return graph;
    }

    /// <summary>A type name with its schema alias expanded and <c>Collection(...)</c> removed.</summary>
    public string Resolve(string name)
    {
        if (name.StartsWith("Collection(", StringComparison.Ordinal) && name.EndsWith(')'))
        {
            name = name[11..^1];
        }

        var dot = name.LastIndexOf('.');
        if (dot > 0 && _aliases.TryGetValue(name[..dot], out var schema))
        {
            return schema + name[dot..];
        }

        return name;
    }

    internal sealed class TypeInfo
    {
        public TypeInfo(string kind, string? baseType)
        {
            Kind = kind;
            BaseType = baseType;
        }

        public string Kind { get; }

        public string? BaseType { get; }

        public List<string> PropertyTypes { get; } = new();

        public Dictionary<string, string> Navigations { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    internal sealed class SetInfo
    {
        public SetInfo(string kind, string type)
        {
            Kind = kind;
            Type = type;
        }

        public string Kind { get; }

        public string Type { get; }

        public Dictionary<string, string> Bindings { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
