using DualWrite;

namespace Contoso.Integration;

// The attribute form of
//
//   map VendorGroups : fo VendorGroups <-> dataverse msdyn_vendorgroups {
//     company striped
//     key VendorGroupId <-> msdyn_vendorgroup
//     VendorGroupId <-> msdyn_vendorgroup
//     Description   <-> msdyn_description
//   }
//
// The generator adds the map's members (ToDataverse, ToFo, filters, keys, Definition) to this class, exactly
// as it would generate them for the .dwmap form; the schemas come from the 'schema' lines of customers.dwmap.
[DualWriteMap("VendorGroups", "<->", "msdyn_vendorgroups")]
[Company(CompanyScope.Striped)]
[Key("VendorGroupId", "msdyn_vendorgroup")]
[Field("VendorGroupId", "<->", "msdyn_vendorgroup")]
[Field("Description", "<->", "msdyn_description")]
public static partial class VendorGroupsMap
{
}
