using System;
using System.IO;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;

namespace DualWrite.Runtime.Tests;

/// <summary>An entity whose key the embedded environment cannot lay out is refused by name, before any SQL runs.</summary>
public sealed class EmbeddedSchemaKeyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dw-schema-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_key_naming_an_undeclared_property_names_the_entity_and_the_property()
    {
        var exception = Open(fo => fo.Replace(
            "<Property Name=\"dataAreaId\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"4\" />\n        <Property Name=\"CustomerGroupId\"",
            "<Property Name=\"CustomerGroupId\""));

        Assert.Equal(
            "Entity set 'CustomerGroups' (entity type 'Microsoft.Dynamics.DataEntities.CustomerGroup') cannot be laid out: its key names 'dataAreaId', which the type does not declare as a property. Correct the schema.",
            exception.Message);
    }

    [Fact]
    public void An_entity_without_a_key_is_named()
    {
        var exception = Open(fo => fo.Replace(
            "<Key>\n          <PropertyRef Name=\"dataAreaId\" />\n          <PropertyRef Name=\"CustomerGroupId\" />\n        </Key>\n        <Property Name=\"dataAreaId\"",
            "<Property Name=\"dataAreaId\""));

        Assert.Equal(
            "Entity set 'CustomerGroups' (entity type 'Microsoft.Dynamics.DataEntities.CustomerGroup') cannot be laid out: its type declares no key. Correct the schema.",
            exception.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private InvalidDataException Open(Func<string, string> edit)
    {
        Directory.CreateDirectory(_folder);
        var original = File.ReadAllText(Path.Combine(World.SchemaFolder, "fo.metadata.xml")).Replace("\r\n", "\n");
        var edited = edit(original);
        Assert.NotEqual(original, edited);
        var schemaPath = Path.Combine(_folder, "fo.metadata.xml");
        File.WriteAllText(schemaPath, edited);
        return Assert.Throws<InvalidDataException>(() => EmbeddedEnvironment.Open(Side.Fo, Path.Combine(_folder, "fo.db"), schemaPath).Dispose());
    }
}
