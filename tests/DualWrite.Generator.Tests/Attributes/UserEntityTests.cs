using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Attributes;

/// <summary>
/// Maps over classes the user owns (<c>[FoEntity]</c>, <c>[DataverseEntity]</c>): the classes are checked against
/// the schema where they are written, what a map needs of them where the map says it, and the generated code reads
/// and writes the user's properties.
/// </summary>
public sealed class UserEntityTests
{
    // A company-striped pair: the Dataverse class reaches the company through a class of the user's too.
    private const string VendorGroupClasses = """
        [FoEntity("VendorGroups")]
        public sealed class VendorGroup
        {
            public string? dataAreaId { get; set; }
            public string? VendorGroupId { get; set; }
            public string? Description { get; set; }
            public int Unmapped => 42;
        }

        [DataverseEntity("msdyn_vendorgroups")]
        public sealed class VendorGroupRow
        {
            [EntityProperty("msdyn_vendorgroup")] public string? Code { get; set; }
            [EntityProperty("msdyn_description")] public string? Text { get; set; }
            [EntityProperty("msdyn_company")] public LegalEntity? Company { get; set; }
        }

        [DataverseEntity("cdm_companies")]
        public sealed class LegalEntity
        {
            [EntityProperty("cdm_companycode")] public string? Code { get; set; }
        }

        """;

    [Fact]
    public void A_striped_map_over_user_classes_reads_and_writes_their_properties()
    {
        var run = AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + VendorGroupClasses + """
            [DualWriteMap(typeof(VendorGroup), "<->", typeof(VendorGroupRow))]
            [Key(nameof(VendorGroup.VendorGroupId), nameof(VendorGroupRow.Code))]
            [FoFilter("(Description != \"\")")]
            [DataverseFilter("msdyn_description ne null")]
            [Field(nameof(VendorGroup.VendorGroupId), "<->", nameof(VendorGroupRow.Code))]
            [Field(nameof(VendorGroup.Description), "<->", "msdyn_description")]
            public static partial class VendorGroupsMap { }
            """);

        var map = run.GeneratedSources.Single(s => s.HintName == "N.VendorGroupsMap.g.cs").Text;
        Assert.Contains("(target.Company ??= new global::N.LegalEntity()).Code = source.dataAreaId;", map);
        Assert.Contains("target.Code = source.VendorGroupId;", map);
        Assert.Contains("target.Description = source.Text;", map);
        Assert.Contains("entity.Text", map);
        Assert.Contains("new FoKey(entity.dataAreaId, entity.VendorGroupId)", map);
        Assert.Contains("new DataverseKey(entity.Company?.Code, entity.Code)", map);
        Assert.Contains("new global::DualWrite.KeyPath(\"msdyn_company\", \"cdm_companycode\"), new global::DualWrite.KeyPath(\"msdyn_vendorgroup\")", map);

        // No entity class is generated for a side the user owns: only the descriptors, over the user's classes.
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName is "N.Fo.VendorGroup.g.cs" or "N.Dataverse.Msdyn_vendorgroup.g.cs" or "N.Dataverse.Cdm_company.g.cs");
        var row = run.GeneratedSources.Single(s => s.HintName == "N.Dataverse.User_N_VendorGroupRow.g.cs").Text;
        Assert.Contains("new global::DualWrite.EntityProperty<global::N.VendorGroupRow, global::N.LegalEntity?>(\"msdyn_company\", \"Microsoft.Dynamics.CRM.cdm_company\", static e => e.Company, static (e, v) => e.Company = v, static () => Dataverse_User_N_LegalEntity!)", row);
        Assert.DoesNotContain("Unmapped", run.GeneratedSources.Single(s => s.HintName == "N.Fo.User_N_VendorGroup.g.cs").Text);
    }

    [Fact]
    public void One_side_may_be_a_user_class_and_the_other_an_entity_set() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + VendorGroupClasses + """
        [DualWriteMap(typeof(VendorGroup), "->", "msdyn_vendorgroups")]
        [Key(nameof(VendorGroup.VendorGroupId), "msdyn_vendorgroup")]
        [Field(nameof(VendorGroup.VendorGroupId), "->", "msdyn_vendorgroup")]
        [Field(nameof(VendorGroup.Description), "->", "msdyn_description")]
        public static partial class VendorGroupsMap { }
        """);

    [Fact]
    public void Numbers_name_the_key_by_the_user_class_property()
    {
        var run = AttributeTest.Verify(AttributeTest.Header + """
            namespace N;
            [FoEntity("CustomerGroups")]
            public sealed class CustomerGroup
            {
                public string? dataAreaId { get; set; }
                [EntityProperty("CustomerGroupId")] public string? GroupId { get; set; }
            }

            [DualWriteMap(typeof(CustomerGroup), "->", "msdyn_customergroups")]
            [Key(nameof(CustomerGroup.GroupId), "msdyn_groupid")]
            [Field(nameof(CustomerGroup.GroupId), "->", "msdyn_groupid")]
            [Numbers("GroupCodes", nameof(CustomerGroup.GroupId), FoPrefix = "F", DataversePrefix = "D")]
            public static partial class CustomerGroupsMap { }
            """);
        Assert.Contains(run.GeneratedSources, s => s.HintName == "N.CustomerGroupsMap.GroupCodes.g.cs" && s.Text.Contains("\"CustomerGroupId\"", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_FO_enum_column_takes_the_generated_enum() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [FoEntity("CustomersV3")]
        public sealed class Customer
        {
            public string? dataAreaId { get; set; }
            public string? CustomerAccount { get; set; }
            public Fo.CustVendorBlocked? OnHoldStatus { get; set; }
        }

        [DualWriteValueMap]
        [ValueMapEntry(Fo.CustVendorBlocked.No, "->", 806380000)]
        [ValueMapElse("->", 806380001)]
        public static class OnHoldStatusCodes { }

        [DualWriteMap("CustomerGroups", "->", "msdyn_customergroups")]
        [Key("CustomerGroupId", "msdyn_groupid")]
        [Field("CustomerGroupId", "->", "msdyn_groupid")]
        public static partial class CustomerGroupsMap { }

        [DualWriteMap(typeof(Customer), "->", "accounts")]
        [Key(nameof(Customer.CustomerAccount), "accountnumber")]
        [Field(nameof(Customer.CustomerAccount), "->", "accountnumber")]
        [Field(nameof(Customer.OnHoldStatus), "->", "msdyn_onholdstatus", Via = nameof(OnHoldStatusCodes))]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void A_class_that_does_not_fit_its_schema_is_reported_where_it_is_written() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [FoEntity({|DW0002:"VendorGroupz"|})]
        public sealed class VendorGroup
        {
            public string? VendorGroupId { get; set; }
        }

        [DataverseEntity("msdyn_vendorgroups")]
        public sealed class VendorGroupRow
        {
            [EntityProperty({|DW0003:"msdyn_descriptoin"|})] public string? Text { get; set; }
            [EntityProperty("msdyn_vendorgroup")] public {|DW0015:int?|} Code { get; set; }
            public {|DW0015:string|} msdyn_description { get; set; } = "";
            public global::System.Guid? {|DW0023:msdyn_vendorgroupid|} { get; init; }
            [EntityProperty("statecode")] public int? State { get; set; }
            [EntityProperty("statecode")] public int? {|DW0017:Status|} { get; set; }
        }

        [DataverseEntity("cdm_companies")]
        public abstract class {|DW0025:LegalEntity|}
        {
            public string? cdm_companycode { get; set; }
        }
        """);

    [Fact]
    public void What_a_map_needs_of_a_user_class_is_reported_at_the_map() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [FoEntity("VendorGroups")]
        public sealed class VendorGroup
        {
            public string? VendorGroupId { get; set; }
            public string? Description { get; set; }
        }

        [DataverseEntity("msdyn_vendorgroups")]
        public sealed class VendorGroupRow
        {
            [EntityProperty("msdyn_vendorgroup")] public string? Code { get; set; }
            [EntityProperty("msdyn_company")] public string? Company { get; set; }
        }

        [DualWriteMap({|DW0003:typeof(VendorGroup)|}, "<->", {|DW0015:typeof(VendorGroupRow)|})]
        [Key(nameof(VendorGroup.VendorGroupId), nameof(VendorGroupRow.Code))]
        [Field(nameof(VendorGroup.VendorGroupId), "<->", nameof(VendorGroupRow.Code))]
        [Field(nameof(VendorGroup.Description), "<->", {|DW0003:"msdyn_description"|})]
        public static partial class VendorGroupsMap { }
        """);

    [Fact]
    public void A_key_field_the_class_lacks_is_reported_at_the_key() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [FoEntity("CustomerGroups")]
        public sealed class CustomerGroup
        {
            public string? dataAreaId { get; set; }
            public string? Description { get; set; }
        }

        [DualWriteMap(typeof(CustomerGroup), "->", "msdyn_customergroups")]
        [Key({|DW0003:"CustomerGroupId"|}, "msdyn_groupid")]
        [Field(nameof(CustomerGroup.Description), "->", "msdyn_description")]
        public static partial class CustomerGroupsMap { }
        """);

    [Fact]
    public void A_class_without_its_side_attribute_is_reported_at_the_typeof() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        public sealed class Plain
        {
            public string? CustomerGroupId { get; set; }
        }

        [DataverseEntity("msdyn_customergroups")]
        public sealed class GroupRow
        {
            public string? msdyn_groupid { get; set; }
        }

        [DualWriteMap({|DW0025:typeof(Plain)|}, "<->", "msdyn_customergroups")]
        public static partial class CustomerGroupsMap { }

        [DualWriteMap({|DW0025:typeof(GroupRow)|}, "<->", typeof(GroupRow))]
        public static partial class OtherGroupsMap { }
        """);

    [Fact]
    public void A_polymorphic_lookup_on_a_user_class_is_refused_with_a_way_out() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [DataverseEntity("contacts")]
        public sealed class ContactRow
        {
            public string? msdyn_contactpersonid { get; set; }
            public LegalEntity? msdyn_company { get; set; }
        }

        [DataverseEntity("cdm_companies")]
        public sealed class LegalEntity
        {
            public string? cdm_companycode { get; set; }
        }

        [DualWriteMap("ContactPersonsV2", "<-", typeof(ContactRow))]
        [Key("ContactPersonId", "msdyn_contactpersonid")]
        [Field("ContactPersonId", "<-", "msdyn_contactpersonid")]
        [Field("AssociatedContactNumber", "<-", {|DW0025:"parentcustomerid.Account(accountnumber)"|})]
        public static partial class ContactsMap { }
        """);
}
