using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>The sample's Dataverse schema with one entity type edited: what a live environment publishes after it drifted from the compiled maps.</summary>
internal static class DriftedSchema
{
    /// <summary>Writes the edited schema into <paramref name="folder"/> and returns its path.</summary>
    public static string Dataverse(string folder, string entityType, Action<XElement> edit)
    {
        var document = XDocument.Load(TestSchemas.Dataverse);
        edit(document.Descendants().Single(e => e.Name.LocalName == "EntityType" && (string?)e.Attribute("Name") == entityType));
        var path = Path.Combine(folder, "drifted.metadata.xml");
        document.Save(path);
        return path;
    }

    /// <summary>The property of that name of an entity type.</summary>
    public static XElement Property(XElement entityType, string name) =>
        entityType.Elements().Single(e => e.Name.LocalName == "Property" && (string?)e.Attribute("Name") == name);
}
