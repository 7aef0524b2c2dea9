using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A field the binder rejects before binding it (a direction its map or its 'none' does not allow, the company mapped
/// by hand in a striped map) is reported once and not bound: each field here would also fail to bind (an unknown
/// name, a 'none' without a default), so binding it anyway shows as a second diagnostic.
/// </summary>
public sealed class RejectedFieldTests
{
    [Fact]
    public void A_field_against_its_maps_direction_is_not_bound() => MapTest.Verify(CatalogTests.Header + """
        map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
          key ProductNumber <-> msdyn_productnumber
          ProductNumber -> msdyn_productnumber
          ProductName {|DW0014:<-|} msdyn_nosuchcolumn
        }
        """);

    [Fact]
    public void A_none_side_that_would_be_written_is_not_bound() => MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          none {|DW0014:<->|} name
          OrganizationName {|DW0014:<->|} none
          none {|DW0014:<-|} none
        }
        """);

    [Fact]
    public void The_company_mapped_by_hand_in_a_striped_map_is_not_bound() => MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
        map Vendors : fo VendorsV2 <-> dataverse msdyn_vendors {
          key VendorAccountNumber <-> msdyn_vendoraccountnumber
          VendorAccountNumber <-> msdyn_vendoraccountnumber
          {|DW0010:dataAreaId|} <-> msdyn_nosuchcolumn
          VendorGroupId -> {|DW0010:msdyn_company|}.cdm_nosuchcolumn
          DUNSNumber <- {|DW0010:_msdyn_company_value|}.cdm_nosuchcolumn
        }
        """);
}
