using System;
using System.IO;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Tests.Schema;

/// <summary>The schema documents the tests read: the samples' own, and the shared real-world corpus beside the repository.</summary>
internal static class SchemaFiles
{
    private static readonly Lazy<string> RepoRoot = new(FindRepoRoot);

    public static string FoSample => Path.Combine(RepoRoot.Value, "dsl-samples", "Contoso.Integration", "schemas", "fo.metadata.xml");

    public static string DataverseSample => Path.Combine(RepoRoot.Value, "dsl-samples", "Contoso.Integration", "schemas", "dataverse.metadata.xml");

    public static string Corpus(string fileName) => Path.Combine(RepoRoot.Value, "..", "shared", "corpora", "dataverse-csdl", fileName);

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

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"DualWrite.Compiler.sln not found above {AppContext.BaseDirectory}");
    }
}
