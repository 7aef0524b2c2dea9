using System.Collections.Generic;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Robustness;

/// <summary>
/// An F&amp;O entity whose <c>&lt;Key&gt;</c> names a property it does not declare, or that has no key at all, is a
/// broken schema: the maps over it are reported at their F&amp;O entity set, instead of failing the generator.
/// </summary>
public sealed class BrokenEntityKeyTests
{
    private const string Map = "namespace Tests\n" + MapTest.SchemaHeader + """
        map CustomerGroups : fo {|DW0009:CustomerGroups|} <-> dataverse msdyn_customergroups {
          company striped
          key CustomerGroupId <-> msdyn_groupid
          CustomerGroupId <-> msdyn_groupid
          Description     <-> msdyn_description
        }
        """;

    [Fact]
    public void A_key_naming_an_undeclared_property_is_DW0009_at_the_entity_set() =>
        MapTest.Verify(Map, schemas: WithCustomerGroup(fo => fo.Replace(
            "<Property Name=\"dataAreaId\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"4\" />\n        <Property Name=\"CustomerGroupId\"",
            "<Property Name=\"CustomerGroupId\"")));

    [Fact]
    public void An_entity_without_a_key_is_DW0009_at_the_entity_set() =>
        MapTest.Verify(Map.Replace("  company striped\n", string.Empty), schemas: WithCustomerGroup(fo => fo.Replace(
            "<Key>\n          <PropertyRef Name=\"dataAreaId\" />\n          <PropertyRef Name=\"CustomerGroupId\" />\n        </Key>\n        <Property Name=\"dataAreaId\"",
            "<Property Name=\"dataAreaId\"")));

    /// <summary>The sample schemas with <paramref name="edit"/> applied to the F&amp;O one, which must change it.</summary>
    internal static IReadOnlyDictionary<string, string> WithCustomerGroup(System.Func<string, string> edit)
    {
        var schemas = new Dictionary<string, string>(MapTest.SampleSchemas());
        var fo = schemas["fo.metadata.xml"].Replace("\r\n", "\n");
        var edited = edit(fo);
        Assert.NotEqual(fo, edited);
        schemas["fo.metadata.xml"] = edited;
        return schemas;
    }
}
