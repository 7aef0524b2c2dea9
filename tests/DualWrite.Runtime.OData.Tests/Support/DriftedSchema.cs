using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>The sample's schemas with one type edited: what a live environment publishes after it drifted from the compiled maps.</summary>
internal static class DriftedSchema
{
    /// <summary>Writes the Dataverse schema with one entity type edited into <paramref name="folder"/> and returns its path.</summary>
    public static string Dataverse(string folder, string entityType, Action<XElement> edit) =>
        Write(TestSchemas.Dataverse, folder, document => edit(Named(document, "EntityType", entityType)));

    /// <summary>Writes the F&amp;O schema with one entity type edited into <paramref name="folder"/> and returns its path.</summary>
    public static string Fo(string folder, string entityType, Action<XElement> edit) =>
        Write(TestSchemas.Fo, folder, document => edit(Named(document, "EntityType", entityType)));

    /// <summary>Writes the F&amp;O schema with one enum type edited into <paramref name="folder"/> and returns its path.</summary>
    public static string FoEnum(string folder, string enumType, Action<XElement> edit) =>
        Write(TestSchemas.Fo, folder, document => edit(Named(document, "EnumType", enumType)));

    /// <summary>The property of that name of an entity type.</summary>
    public static XElement Property(XElement entityType, string name) =>
        entityType.Elements().Single(e => e.Name.LocalName == "Property" && (string?)e.Attribute("Name") == name);

    private static string Write(string source, string folder, Action<XDocument> edit)
    {
        var document = XDocument.Load(source);
        edit(document);
        var path = Path.Combine(folder, "drifted-" + Path.GetFileName(source));
        document.Save(path);
        return path;
    }

    private static XElement Named(XDocument document, string kind, string name) =>
        document.Descendants().Single(e => e.Name.LocalName == kind && (string?)e.Attribute("Name") == name);
}
