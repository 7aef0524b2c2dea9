using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;
using DualWrite.Generator.Tests.Robustness;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A field whose EDM type has no C# type here (a collection, a type that is neither primitive nor an enum of the
/// schema) cannot be mapped: DW0015 at the field, naming its type.
/// </summary>
public sealed class UncopyableTypeTests
{
    [Fact]
    public void Collections_and_complex_types_are_DW0015_at_the_field_naming_the_type()
    {
        var schemas = BrokenEntityKeyTests.WithCustomerGroup(fo => fo.Replace(
            "<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"60\" />\n        <Property Name=\"PaymentTermId\"",
            "<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"60\" />\n        <Property Name=\"Tags\" Type=\"Collection(Edm.String)\" />\n        <Property Name=\"Address\" Type=\"Microsoft.Dynamics.DataEntities.PostalAddress\" />\n        <Property Name=\"PaymentTermId\""));
        var run = MapTest.Verify(CatalogTests.Header + """
            map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
              key CustomerGroupId <-> msdyn_groupid
              CustomerGroupId <-> msdyn_groupid
              {|DW0015:Tags|} -> msdyn_description
              {|DW0015:Address|} -> msdyn_description
            }
            """, schemas: schemas);

        Assert.Equal(
            new[]
            {
                "'Tags' has type 'Collection(Edm.String)', which a map cannot copy; map a column of a primitive or enum type.",
                "'Address' has type 'Microsoft.Dynamics.DataEntities.PostalAddress', which a map cannot copy; map a column of a primitive or enum type.",
            },
            DiagnosticMessages.Of(run));
    }
}
