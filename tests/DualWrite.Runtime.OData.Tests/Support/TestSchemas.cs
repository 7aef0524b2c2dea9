using System;
using System.IO;
using System.Xml.Linq;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>
/// The sample's schemas for the services and connectors. Real F&amp;O entities that are polled for changes expose a
/// modified-time field; the sample's F&amp;O schema has none, so the tests' copy adds <c>ModifiedDateTime1</c> to every
/// entity type (the generated classes do not use it).
/// </summary>
internal static class TestSchemas
{
    public const string ModifiedField = "ModifiedDateTime1";

    public static string Dataverse => Path.Combine(AppContext.BaseDirectory, "schemas", "dataverse.metadata.xml");

    public static string FoWithModifiedTime(string folder)
    {
        var path = Path.Combine(folder, "fo.polled.metadata.xml");
        var document = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "schemas", "fo.metadata.xml"));
        foreach (var type in document.Descendants())
        {
            if (type.Name.LocalName == "EntityType")
            {
                type.Add(new XElement(type.Name.Namespace + "Property", new XAttribute("Name", ModifiedField), new XAttribute("Type", "Edm.DateTimeOffset")));
            }
        }

        document.Save(path);
        return path;
    }
}
