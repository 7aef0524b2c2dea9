using DualWrite;

namespace DualWrite.Runtime.UserMaps;

[FoEntity("VendorGroups")]
public sealed class VendorGroup
{
    [EntityProperty("dataAreaId")]
    public string? Company { get; set; }

    [EntityProperty("VendorGroupId")]
    public string? GroupId { get; set; }

    public string? Description { get; set; }
}

[DataverseEntity("msdyn_vendorgroups")]
public sealed class VendorGroupRow
{
    [EntityProperty("msdyn_vendorgroup")]
    public string? Code { get; set; }

    [EntityProperty("msdyn_description")]
    public string? Text { get; set; }

    [EntityProperty("msdyn_company")]
    public LegalEntity? Company { get; set; }
}

[DataverseEntity("cdm_companies")]
public sealed class LegalEntity
{
    [EntityProperty("cdm_companycode")]
    public string? Code { get; set; }
}
