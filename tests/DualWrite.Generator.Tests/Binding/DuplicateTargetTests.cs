using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>A target written by two mappings of a map (DW0017), on either side, reported once per mapping.</summary>
public sealed class DuplicateTargetTests
{
    [Fact]
    public void An_F_and_O_field_written_twice_is_reported_at_the_second_mapping_ignoring_case() => MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          OrganizationName <- name
          {|DW0017:organizationname|} <- address1_city
        }
        """);

    [Fact]
    public void A_mapping_repeated_whole_is_reported_once_at_its_Dataverse_column() => MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          OrganizationName <-> name
          OrganizationName <-> {|DW0017:name|}
        }
        """);

    [Fact]
    public void A_mapping_rejected_as_a_duplicate_does_not_give_the_map_its_key() => MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
        map {|DW0020:Customers|} : fo CustomersV3 <-> dataverse accounts {
          CustomerAccount <- name
          {|DW0017:CustomerAccount|} <- accountnumber
        }
        """);
}
