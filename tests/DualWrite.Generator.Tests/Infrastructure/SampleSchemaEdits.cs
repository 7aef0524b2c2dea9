using System;
using System.Collections.Generic;
using System.Linq;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>
/// The sample schemas with one Dataverse table's alternate keys changed, for the binding cases the samples lack
/// (a second key, a key without the company, no key at all).
/// </summary>
public static class SampleSchemaEdits
{
    private const string Schema = "dataverse.metadata.xml";
    private const string KeysStart = "<Annotation Term=\"OData.Community.Keys.V1.AlternateKeys\">";

    /// <summary>The samples with one more alternate key of <paramref name="columns"/> on <paramref name="table"/>.</summary>
    public static IReadOnlyDictionary<string, string> WithAlternateKey(string table, params string[] columns)
    {
        var schemas = new Dictionary<string, string>(MapTest.SampleSchemas());
        var dataverse = schemas[Schema];
        var keys = KeysOf(dataverse, table);
        var collection = dataverse.IndexOf("<Collection>", keys, StringComparison.Ordinal) + "<Collection>".Length;
        var key = "<Record Type=\"OData.Community.Keys.V1.AlternateKey\"><PropertyValue Property=\"Key\"><Collection>"
            + string.Concat(columns.Select(c => $"<Record Type=\"OData.Community.Keys.V1.PropertyRef\"><PropertyValue Property=\"Alias\" String=\"{c}\" /><PropertyValue Property=\"Name\" PropertyPath=\"{c}\" /></Record>"))
            + "</Collection></PropertyValue></Record>";
        schemas[Schema] = dataverse.Insert(collection, key);
        return schemas;
    }

    /// <summary>The samples with <paramref name="table"/> declaring no alternate key.</summary>
    public static IReadOnlyDictionary<string, string> WithoutAlternateKeys(string table)
    {
        var schemas = new Dictionary<string, string>(MapTest.SampleSchemas());
        var dataverse = schemas[Schema];
        var keys = KeysOf(dataverse, table);
        var end = dataverse.IndexOf("</Annotation>", keys, StringComparison.Ordinal) + "</Annotation>".Length;
        schemas[Schema] = dataverse.Remove(keys, end - keys);
        return schemas;
    }

    private static int KeysOf(string dataverse, string table)
    {
        var type = dataverse.IndexOf($"<EntityType Name=\"{table}\"", StringComparison.Ordinal);
        var keys = type < 0 ? -1 : dataverse.IndexOf(KeysStart, type, StringComparison.Ordinal);
        Assert.True(type >= 0 && keys > type && keys < dataverse.IndexOf("</EntityType>", type, StringComparison.Ordinal), $"The sample table '{table}' lost its alternate keys.");
        return keys;
    }
}
