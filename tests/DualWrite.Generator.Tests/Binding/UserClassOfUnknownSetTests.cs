using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A user's class that names an entity set its schema lacks is reported once, at the class (DW0002); the maps over
/// it are not bound, so they add nothing.
/// </summary>
public sealed class UserClassOfUnknownSetTests
{
    [Fact]
    public void A_map_over_a_class_of_an_unknown_entity_set_reports_only_the_class() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [FoEntity({|DW0002:"VendorGroupz"|})]
        public sealed class VendorGroup
        {
            public string? VendorGroupId { get; set; }
        }

        [DualWriteMap(typeof(VendorGroup), "<->", "msdyn_vendorgroups")]
        [Key(nameof(VendorGroup.VendorGroupId), "msdyn_vendorgroup")]
        [Field(nameof(VendorGroup.VendorGroupId), "<->", "msdyn_vendorgroup")]
        public static partial class VendorGroupsMap { }
        """);
}
