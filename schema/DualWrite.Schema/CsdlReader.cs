using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Xml;
#if DUALWRITE_GENERATOR
using DualWrite.Generator.Common;
#endif

#if DUALWRITE_GENERATOR
namespace DualWrite.Generator.Schema;
#else
namespace DualWrite.Schema;
#endif

/// <summary>
/// The one reader of OData CSDL v4 documents (a <c>$metadata</c> EDMX, or a bare <c>Schema</c>) into a <see cref="SchemaModel"/>.
/// </summary>
/// <remarks>
/// One forward pass over an <see cref="XmlReader"/>: real documents run to megabytes and are read again whenever
/// they change, so there is no DOM, and Microsoft.OData.Edm cannot ship inside an analyzer. Only what the compiler
/// checks and the runtime lays out is kept (entity sets and their bindings, types, keys, lookups, the Core annotations);
/// everything else (operations, other vocabularies, complex types' facets) is passed over.
/// </remarks>
public static class CsdlReader
{
    /// <summary>Reads a document held in memory (the compiler's additional files); <paramref name="path"/> names it in errors.</summary>
    public static CsdlReadResult Read(string path, string text, CancellationToken cancellationToken = default)
    {
        if (text.All(c => char.IsWhiteSpace(c) || c == '\uFEFF'))
        {
            return CsdlReadResult.Failure($"'{path}' is empty; expected an OData CSDL document ($metadata)");
        }

        using var textReader = new StringReader(text);
        return Read(path, textReader, cancellationToken);
    }

    /// <summary>Reads a document as it streams by (a downloaded <c>$metadata</c> of tens of megabytes); <paramref name="path"/> names it in errors.</summary>
    public static CsdlReadResult Read(string path, TextReader text, CancellationToken cancellationToken = default)
    {
        // SourceText.ToString() keeps the byte-order mark as a character, which XmlReader rejects at that point.
        if (text.Peek() == '\uFEFF')
        {
            text.Read();
        }

        var settings = new XmlReaderSettings
        {
            // Ignore (not Prohibit) so an HTML error page with a DOCTYPE is reported by its root element.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };

        try
        {
            using var xml = XmlReader.Create(text, settings);
            return new DocumentReader(path, xml, cancellationToken).Read();
        }
        catch (XmlException e)
        {
            return CsdlReadResult.Failure($"'{path}' is not well-formed XML: {OneLine(e.Message)}");
        }
    }

    private static string OneLine(string message) => message.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').Trim();

    /// <summary>A malformed CSDL construct in otherwise well-formed XML; becomes the result's error.</summary>
    private sealed class CsdlFormatException(string message) : Exception(message);

    private sealed class DocumentReader(string path, XmlReader reader, CancellationToken cancellationToken)
    {
        private const string EdmxNamespace = "http://docs.oasis-open.org/odata/ns/edmx";
        private const string EdmNamespace = "http://docs.oasis-open.org/odata/ns/edm";
        private const string CoreNamespace = "Org.OData.Core.V1";
        private const string ComputedTerm = CoreNamespace + ".Computed";
        private const string ImmutableTerm = CoreNamespace + ".Immutable";
        private const string PermissionsTerm = CoreNamespace + ".Permissions";
        private const string AlternateKeysTerm = "OData.Community.Keys.V1.AlternateKeys";

        private readonly CsdlNames _names = new();
        private readonly List<EntitySetInfo> _entitySets = [];
        private readonly List<EntityTypeBuilder> _entityTypes = [];
        private readonly List<EnumTypeInfo> _enumTypes = [];
        private readonly List<(string Namespace, string Name, string? BaseType, List<string> PropertyTypes)> _complexTypes = [];
        private readonly List<(string Target, AnnotationValues Values)> _outOfLineAnnotations = [];
        private int _schemaCount;

        public CsdlReadResult Read()
        {
            try
            {
                // XmlReader itself rejects a document without a root element, so this lands on the root.
                reader.MoveToContent();
                switch (reader.LocalName)
                {
                    case "Edmx" when reader.NamespaceURI == EdmxNamespace:
                        ReadEdmx();
                        break;
                    case "Schema" when reader.NamespaceURI == EdmNamespace:
                        ReadSchema();
                        break;
                    case "Edmx" or "Schema":
                        return NotCsdl($"root element '{reader.Name}' is in namespace '{reader.NamespaceURI}', not OData CSDL v4 ('{(reader.LocalName == "Edmx" ? EdmxNamespace : EdmNamespace)}')");
                    default:
                        return NotCsdl($"root element is '{reader.Name}'");
                }

                // Drain the rest, so that a document truncated after its last schema is still reported.
                while (reader.Read())
                {
                }

                return _schemaCount == 0 ? NotCsdl("it holds no Schema element") : CsdlReadResult.Success(Build());
            }
            catch (CsdlFormatException e)
            {
                return CsdlReadResult.Failure($"'{path}' is not a valid OData CSDL document: {e.Message}");
            }
        }

        private CsdlReadResult NotCsdl(string reason) => CsdlReadResult.Failure($"'{path}' is not an OData CSDL document: {reason}");

        private void ReadEdmx()
        {
            var depth = EnterChildren();
            while (NextChild(depth, EdmxNamespace))
            {
                if (reader.LocalName == "Reference")
                {
                    ReadReference();
                }
                else if (reader.LocalName == "DataServices")
                {
                    ReadDataServices();
                }
            }
        }

        // Vocabulary aliases (<edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>) apply to the whole document.
        private void ReadReference()
        {
            var depth = EnterChildren();
            while (NextChild(depth, EdmxNamespace))
            {
                if (reader.LocalName == "Include" && reader.GetAttribute("Alias") is { Length: > 0 } alias)
                {
                    _names.AddAlias(alias, Required("Namespace"));
                }
            }
        }

        private void ReadDataServices()
        {
            var depth = EnterChildren();
            while (NextChild(depth, ns: null))
            {
                if (reader.LocalName != "Schema")
                {
                    continue;
                }

                if (reader.NamespaceURI != EdmNamespace)
                {
                    throw Error($"Schema is in namespace '{reader.NamespaceURI}', not OData CSDL v4 ('{EdmNamespace}')");
                }

                ReadSchema();
            }
        }

        private void ReadSchema()
        {
            _schemaCount++;
            var ns = Required("Namespace");
            if (reader.GetAttribute("Alias") is { Length: > 0 } alias)
            {
                _names.AddAlias(alias, ns);
            }

            var depth = EnterChildren();
            while (NextChild(depth))
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (reader.LocalName)
                {
                    case "EntityType":
                        ReadEntityType(ns);
                        break;
                    case "EnumType":
                        ReadEnumType(ns);
                        break;
                    case "ComplexType":
                        ReadComplexType(ns);
                        break;
                    case "TypeDefinition":
                        _names.AddTypeDefinition(ns + "." + Required("Name"), Required("UnderlyingType"));
                        break;
                    case "EntityContainer":
                        ReadEntityContainer();
                        break;
                    case "Annotations":
                        _outOfLineAnnotations.Add((Required("Target"), ReadAnnotations()));
                        break;
                }
            }
        }

        private void ReadEntityType(string ns)
        {
            var type = new EntityTypeBuilder(ns, Required("Name"), reader.GetAttribute("BaseType"), Bool("Abstract", defaultValue: false));
            _entityTypes.Add(type);
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                switch (reader.LocalName)
                {
                    case "Key":
                        ReadKey(type.Key);
                        break;
                    case "Property":
                        type.Properties.Add(ReadProperty());
                        break;
                    case "NavigationProperty":
                        type.NavigationProperties.Add(ReadNavigationProperty());
                        break;
                    case "Annotation":
                        type.AlternateKeys.AddRange(ReadAnnotation().AlternateKeys);
                        break;
                }
            }
        }

        private void ReadKey(List<string> key)
        {
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName == "PropertyRef")
                {
                    key.Add(Required("Name"));
                }
            }
        }

        private PropertyBuilder ReadProperty()
        {
            var name = Required("Name");
            var maxLength = reader.GetAttribute("MaxLength");
            var property = new PropertyBuilder(
                name,
                Required("Type"),
                Bool("Nullable", defaultValue: true),
                string.Equals(maxLength, "max", StringComparison.OrdinalIgnoreCase) ? null : Int("MaxLength", maxLength),
                Int("Precision", reader.GetAttribute("Precision")),
                ScaleOf(reader.GetAttribute("Scale")));
            var annotations = new AnnotationValues();
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName == "Annotation")
                {
                    ReadAnnotation(annotations);
                }
            }

            annotations.ApplyTo(property);
            return property;
        }

        // Scale="Variable" (Dataverse money and decimal columns) and "floating" mean no fixed scale.
        private int? ScaleOf(string? value) =>
            value is null || value.Equals("variable", StringComparison.OrdinalIgnoreCase) || value.Equals("floating", StringComparison.OrdinalIgnoreCase)
                ? null
                : Int("Scale", value);

        private NavigationPropertyBuilder ReadNavigationProperty()
        {
            var navigation = new NavigationPropertyBuilder(Required("Name"), Required("Type"), reader.GetAttribute("Partner"));
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName == "ReferentialConstraint")
                {
                    navigation.Constraints.Add(new ReferentialConstraintInfo(Required("Property"), Required("ReferencedProperty")));
                }
            }

            return navigation;
        }

        private void ReadEnumType(string ns)
        {
            var name = Required("Name");
            var underlyingType = reader.GetAttribute("UnderlyingType") ?? "Edm.Int32";
            var isFlags = Bool("IsFlags", defaultValue: false);
            var members = new List<EnumMemberInfo>();

            // CSDL gives members without a Value consecutive values from zero, in document order.
            var next = 0L;
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName != "Member")
                {
                    continue;
                }

                var memberName = Required("Name");
                var value = reader.GetAttribute("Value") is { } text ? Long("Value", text) : next;
                members.Add(new EnumMemberInfo(memberName, value));
                next = value + 1;
            }

            _enumTypes.Add(new EnumTypeInfo(ns, name, underlyingType, isFlags, members.ToEquatableArray()));
        }

        // Only what the trimmer of a document needs to follow: the base type and the types of the properties.
        private void ReadComplexType(string ns)
        {
            var type = (Namespace: ns, Name: Required("Name"), BaseType: reader.GetAttribute("BaseType"), PropertyTypes: new List<string>());
            _complexTypes.Add(type);
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName == "Property")
                {
                    type.PropertyTypes.Add(Required("Type"));
                }
            }
        }

        private void ReadEntityContainer()
        {
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName != "EntitySet")
                {
                    continue;
                }

                var name = Required("Name");
                var entityType = Required("EntityType");
                var annotations = new AnnotationValues();
                var bindings = new List<NavigationBindingInfo>();
                var setDepth = EnterChildren();
                while (NextChild(setDepth))
                {
                    if (reader.LocalName == "Annotation")
                    {
                        ReadAnnotation(annotations);
                    }
                    else if (reader.LocalName == "NavigationPropertyBinding")
                    {
                        // A target may name its container ("Container/accounts"); sets are named uniquely here.
                        var target = Required("Target");
                        bindings.Add(new NavigationBindingInfo(Required("Path"), target.Substring(target.LastIndexOf('/') + 1)));
                    }
                }

                _entitySets.Add(new EntitySetInfo(name, entityType, bindings.ToEquatableArray()));

                // The Keys vocabulary also applies to entity sets; such keys belong to the set's type.
                if (annotations.AlternateKeys.Count > 0)
                {
                    _outOfLineAnnotations.Add((entityType, annotations));
                }
            }
        }

        /// <summary>The Annotation children of the current element (an Annotations block, or any annotatable element).</summary>
        private AnnotationValues ReadAnnotations()
        {
            var values = new AnnotationValues();
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName == "Annotation")
                {
                    ReadAnnotation(values);
                }
            }

            return values;
        }

        private AnnotationValues ReadAnnotation()
        {
            var values = new AnnotationValues();
            ReadAnnotation(values);
            return values;
        }

        private void ReadAnnotation(AnnotationValues values)
        {
            switch (_names.Resolve(Required("Term")))
            {
                case ComputedTerm:
                    values.IsComputed = ReadBoolAnnotation();
                    break;
                case ImmutableTerm:
                    values.IsImmutable |= ReadBoolAnnotation();
                    break;
                case PermissionsTerm:
                    values.IsReadOnly |= IsReadOnlyPermission(reader.GetAttribute("EnumMember") ?? ReadChildText("EnumMember"));
                    break;
                case AlternateKeysTerm:
                    ReadAlternateKeys(values.AlternateKeys);
                    break;
            }
        }

        // Core tagging terms default to true: <Annotation Term="Core.Computed"/> means computed.
        private bool ReadBoolAnnotation() =>
            reader.GetAttribute("Bool") is { } value ? ParseBool("Bool", value) : ReadChildText("Bool") is { } text ? ParseBool("Bool", text) : true;

        // Permissions is a flags enum written as space-separated members ("Core.Permission/Read Core.Permission/Write");
        // without Write or ReadWrite the property cannot be set.
        private static bool IsReadOnlyPermission(string? members)
        {
            if (members is null)
            {
                return false;
            }

            foreach (var member in members.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                var name = member.Substring(member.LastIndexOf('/') + 1);
                if (name is "Write" or "ReadWrite")
                {
                    return false;
                }
            }

            return true;
        }

        // <Collection><Record><PropertyValue Property="Key"><Collection><Record>
        //   <PropertyValue Property="Name" PropertyPath="accountnumber"/> ...
        private void ReadAlternateKeys(List<AlternateKeyInfo> keys)
        {
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName != "Collection")
                {
                    continue;
                }

                var collectionDepth = EnterChildren();
                while (NextChild(collectionDepth))
                {
                    if (reader.LocalName == "Record" && ReadAlternateKey() is { } key)
                    {
                        keys.Add(key);
                    }
                }
            }
        }

        private AlternateKeyInfo? ReadAlternateKey()
        {
            string? name = null;
            var properties = new List<string>();
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName != "PropertyValue")
                {
                    continue;
                }

                switch (reader.GetAttribute("Property"))
                {
                    case "Key":
                        ReadKeyPropertyRefs(properties);
                        break;
                    case "Name":
                        name = reader.GetAttribute("String") ?? ReadChildText("String");
                        break;
                }
            }

            return properties.Count == 0 ? null : new AlternateKeyInfo(name ?? string.Join(",", properties), properties.ToEquatableArray());
        }

        private void ReadKeyPropertyRefs(List<string> properties)
        {
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (reader.LocalName != "Collection")
                {
                    continue;
                }

                var collectionDepth = EnterChildren();
                while (NextChild(collectionDepth))
                {
                    if (reader.LocalName != "Record")
                    {
                        continue;
                    }

                    var recordDepth = EnterChildren();
                    while (NextChild(recordDepth))
                    {
                        if (reader.LocalName == "PropertyValue" && reader.GetAttribute("Property") == "Name"
                            && (reader.GetAttribute("PropertyPath") ?? ReadChildText("PropertyPath")) is { Length: > 0 } propertyPath)
                        {
                            properties.Add(propertyPath);
                        }
                    }
                }
            }
        }

        private SchemaModel Build()
        {
            var typesByName = new Dictionary<string, EntityTypeBuilder>(StringComparer.Ordinal);
            foreach (var type in _entityTypes)
            {
                if (!typesByName.ContainsKey(type.FullName))
                {
                    typesByName.Add(type.FullName, type);
                }
            }

            // Targets are "Namespace.Type" or "Namespace.Type/Property"; other targets (containers, operations) carry nothing kept here.
            foreach (var (target, values) in _outOfLineAnnotations)
            {
                var slash = target.IndexOf('/');
                var typeName = _names.Resolve(slash < 0 ? target : target.Substring(0, slash));
                if (!typesByName.TryGetValue(typeName, out var type))
                {
                    continue;
                }

                if (slash < 0)
                {
                    type.AlternateKeys.AddRange(values.AlternateKeys);
                }
                else if (type.FindProperty(target.Substring(slash + 1)) is { } property)
                {
                    values.ApplyTo(property);
                }
            }

            return new SchemaModel(
                path,
                _entitySets.Select(s => s with { EntityTypeFullName = _names.Resolve(s.EntityTypeFullName) }).ToEquatableArray(),
                _entityTypes.Select(t => t.Build(_names)).ToEquatableArray(),
                _enumTypes.ToEquatableArray(),
                _complexTypes.Select(t => new ComplexTypeInfo(
                    t.Namespace,
                    t.Name,
                    t.BaseType is null ? null : _names.Resolve(t.BaseType),
                    t.PropertyTypes.Select(p => _names.ResolveTypeReference(p).TypeName).ToEquatableArray())).ToEquatableArray(),
                _names.Aliases());
        }

        /// <summary>
        /// The depth to pass to <see cref="NextChild"/> for the current element's children (-1 when it is empty).
        /// </summary>
        private int EnterChildren() => reader.IsEmptyElement ? -1 : reader.Depth;

        /// <summary>
        /// Moves to the next child element of the element at <paramref name="depth"/> in namespace <paramref name="ns"/>
        /// (null: any), passing over the rest of the previous child's subtree and extension elements; false once on
        /// that element's end tag. Every reading loop follows this one pattern, so an element nobody reads needs no skipping.
        /// </summary>
        private bool NextChild(int depth, string? ns = EdmNamespace)
        {
            if (depth < 0)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (reader.Depth == depth + 1 && (ns is null || reader.NamespaceURI == ns))
                    {
                        return true;
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>The text of the current element's first child named <paramref name="localName"/>; ends on the element's end tag.</summary>
        private string? ReadChildText(string localName)
        {
            string? text = null;
            var depth = EnterChildren();
            while (NextChild(depth))
            {
                if (text is null && reader.LocalName == localName)
                {
                    text = ReadText();
                }
            }

            return text;
        }

        // Not ReadElementContentAsString: it moves past the end tag, onto a sibling that NextChild would then skip.
        private string ReadText()
        {
            var depth = EnterChildren();
            if (depth < 0)
            {
                return string.Empty;
            }

            string? text = null;
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    text = text is null ? reader.Value : text + reader.Value;
                }
            }

            return text?.Trim() ?? string.Empty;
        }

        private string Required(string attribute) =>
            reader.GetAttribute(attribute) is { Length: > 0 } value
                ? value
                : throw Error($"{reader.LocalName} has no {attribute} attribute");

        private bool Bool(string attribute, bool defaultValue) =>
            reader.GetAttribute(attribute) is { } value ? ParseBool(attribute, value) : defaultValue;

        private bool ParseBool(string attribute, string value) => value.Trim() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw Error($"{attribute}=\"{value}\" is not true or false"),
        };

        private int? Int(string attribute, string? value) =>
            value is null ? null
            : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
            : throw Error($"{attribute}=\"{value}\" is not an integer");

        private long Long(string attribute, string value) =>
            long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw Error($"{attribute}=\"{value}\" is not an integer");

        private CsdlFormatException Error(string message) =>
            reader is IXmlLineInfo { } info && info.HasLineInfo()
                ? new CsdlFormatException($"{message} (line {info.LineNumber}, position {info.LinePosition})")
                : new CsdlFormatException(message);
    }
}
