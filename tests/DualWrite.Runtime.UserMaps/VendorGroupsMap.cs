using DualWrite;

[assembly: DualWriteSchema(Side.Fo, "../../dsl-samples/Contoso.Integration/schemas/fo.metadata.xml")]
[assembly: DualWriteSchema(Side.Dataverse, "../../dsl-samples/Contoso.Integration/schemas/dataverse.metadata.xml")]

namespace DualWrite.Runtime.UserMaps;

/// <summary>The sample's vendor-group map, company-striped, over this project's own classes.</summary>
[DualWriteMap(typeof(VendorGroup), "<->", typeof(VendorGroupRow))]
[DualWriteKey(nameof(VendorGroup.GroupId), nameof(VendorGroupRow.Code))]
[Field(nameof(VendorGroup.GroupId), "<->", nameof(VendorGroupRow.Code))]
[Field(nameof(VendorGroup.Description), "<->", nameof(VendorGroupRow.Text))]
public static partial class VendorGroupsMap
{
}
