using System.IO;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Schema;

/// <summary>The schema documents the tests read: the samples' own, and the real-world corpus in tests/TestData.</summary>
internal static class SchemaFiles
{
    public static string FoSample => Path.Combine(RepoPaths.Root, "dsl-samples", "Contoso.Integration", "schemas", "fo.metadata.xml");

    public static string DataverseSample => Path.Combine(RepoPaths.Root, "dsl-samples", "Contoso.Integration", "schemas", "dataverse.metadata.xml");

    public static string Corpus(string fileName) => Path.Combine(RepoPaths.Root, "tests", "TestData", "dataverse-csdl", fileName);

    /// <summary>Reads a file as the generator sees it, through Roslyn's SourceText.</summary>
    public static string ReadAsSourceText(string path)
    {
        using var stream = File.OpenRead(path);
        return Microsoft.CodeAnalysis.Text.SourceText.From(stream).ToString();
    }

    public static SchemaModel ReadSchema(string path)
    {
        var result = CsdlReader.Read(path, ReadAsSourceText(path));
        Assert.Null(result.Error);
        return Assert.IsType<SchemaModel>(result.Schema);
    }

    /// <summary>Reads CSDL text that a test spells out, which must be valid.</summary>
    public static SchemaModel Parse(string text)
    {
        var result = CsdlReader.Read("test.xml", text);
        Assert.Null(result.Error);
        return Assert.IsType<SchemaModel>(result.Schema);
    }

    public static EntityTypeInfo EntityType(this SchemaModel model, string name)
    {
        foreach (var type in model.EntityTypes)
        {
            if (type.Name == name)
            {
                return type;
            }
        }

        throw new Xunit.Sdk.XunitException($"no entity type '{name}'");
    }

    public static PropertyInfo Property(this EntityTypeInfo type, string name)
    {
        foreach (var property in type.Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        throw new Xunit.Sdk.XunitException($"no property '{name}' on '{type.Name}'");
    }

    public static NavigationPropertyInfo Navigation(this EntityTypeInfo type, string name)
    {
        foreach (var navigation in type.NavigationProperties)
        {
            if (navigation.Name == name)
            {
                return navigation;
            }
        }

        throw new Xunit.Sdk.XunitException($"no navigation property '{name}' on '{type.Name}'");
    }

    public static EquatableArray<string> Names(params string[] names) => EquatableArray.Create(names);
}
