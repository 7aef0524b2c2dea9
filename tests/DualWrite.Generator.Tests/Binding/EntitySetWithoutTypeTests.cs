using DualWrite.Generator.Tests.Infrastructure;
using DualWrite.Generator.Tests.Robustness;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// An entity set whose entity type the schema does not declare cannot be mapped: the map is reported at the set
/// (DW0002) rather than bound against a missing type.
/// </summary>
public sealed class EntitySetWithoutTypeTests
{
    [Fact]
    public void A_map_over_an_entity_set_of_an_undeclared_type_is_DW0002_at_the_set() =>
        MapTest.Verify("namespace Tests\n" + MapTest.SchemaHeader + """
            map CustomerGroups : fo {|DW0002:CustomerGroups|} <-> dataverse msdyn_customergroups {
              key CustomerGroupId <-> msdyn_groupid
              CustomerGroupId <-> msdyn_groupid
            }
            """, schemas: BrokenEntityKeyTests.WithCustomerGroup(fo => fo.Replace(
            "<EntitySet Name=\"CustomerGroups\" EntityType=\"Microsoft.Dynamics.DataEntities.CustomerGroup\"",
            "<EntitySet Name=\"CustomerGroups\" EntityType=\"Microsoft.Dynamics.DataEntities.NoSuchType\"")));
}
