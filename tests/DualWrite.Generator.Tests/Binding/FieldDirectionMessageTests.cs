using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>DW0014 for a field against a one-way map names the direction the map allows, whichever way it flows.</summary>
public sealed class FieldDirectionMessageTests
{
    [Theory]
    [InlineData("->", "<-")]
    [InlineData("<-", "->")]
    public void A_field_against_a_one_way_map_is_told_the_maps_direction(string map, string field)
    {
        var run = MapTest.Verify("namespace Tests\n" + MapTest.SchemaHeader + $$"""
            map Products : fo ProductsV2 {{map}} dataverse msdyn_globalproducts {
              key ProductNumber <-> msdyn_productnumber
              ProductNumber {{map}} msdyn_productnumber
              ProductName {|DW0014:{{field}}|} msdyn_productname
            }
            """);

        Assert.Equal(
            new[] { $"Map 'Products' flows only '{map}', so its fields must too; write '{map}' or make the map '<->'." },
            DiagnosticMessages.Of(run));
    }
}
