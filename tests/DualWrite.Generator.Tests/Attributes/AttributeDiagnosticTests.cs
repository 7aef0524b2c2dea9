using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Attributes;

/// <summary>The catalog's diagnostics land on the attribute argument that causes them.</summary>
public sealed class AttributeDiagnosticTests
{
    private const string Groups = """
        [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
        [Field("CustomerGroupId", "<->", "msdyn_groupid")]
        public static partial class CustomerGroupsMap { }

        """;

    [Fact]
    public void Unknown_entity_set_is_reported_at_its_argument() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [DualWriteMap({|DW0002:"CustomersV9"|}, "<->", "accounts")]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void Unknown_field_is_reported_at_its_argument() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [Field("CustomerAccount", "->", "accountnumber")]
        [Field({|DW0003:"CustomerAcount"|}, "->", "name")]
        [Field({|DW0003:nameof(Fo.CustomerV3.OrganisationName)|}, "->", "description")]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void Unknown_segment_of_a_path_is_reported_inside_the_string() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [Field("CustomerAccount", "->", "accountnumber")]
        [Field("CustomerGroupId", "->", "msdyn_customergroupid.{|DW0003:msdyn_groupidd|}")]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void Filter_diagnostics_are_reported_inside_the_string_through_escapes() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [FoFilter("((PartyType == {|DW0007:\"Organisation\"|}) && (CustomerGroupId {|DW0024:=|} \"10\"))")]
        [DataverseFilter("statecode eq 0 and {|DW0003:nosuchcolumn|} eq 1")]
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void Company_filter_is_reported_at_the_field_inside_the_string() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [FoFilter(@"(({|DW0011:dataAreaId|} == ""usmf""))")]
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void Direction_errors_are_reported_at_the_arrow() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [Field("CustomerAccount", "->", "accountnumber")]
        [Field("OrganizationName", {|DW0014:"<->"|}, "name")]
        [Field("CustomerGroupId", {|DW0025:"=>"|}, "description")]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void Key_and_via_errors_are_reported_at_their_arguments() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", {|DW0008:"name"|})]
        [Field("CustomerAccount", "->", "accountnumber")]
        [Field("PaymentTerms", "->", "msdyn_paymentterms", Via = {|DW0021:"NoSuchCodes"|})]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void DualWriteKey_is_the_key_clause_where_DataAnnotations_is_imported()
    {
        // Both namespaces imported at one level make either [Key] ambiguous (CS0104): the map takes [DualWriteKey]
        // and the alias gives [Key] to DataAnnotations, as docs/language-decisions.md says.
        var run = AttributeTest.Verify(AttributeTest.Header + """
            namespace N
            {
                using DualWrite;
                using System.ComponentModel.DataAnnotations;
                using KeyAttribute = System.ComponentModel.DataAnnotations.KeyAttribute;

                [DualWriteMap("CustomerGroups", "->", "msdyn_customergroups")]
                [DualWriteKey("CustomerGroupId", "msdyn_groupid")]
                [Field("CustomerGroupId", "->", "msdyn_groupid")]
                public static partial class CustomerGroupsMap { }

                public sealed class Unrelated
                {
                    [Key] public int Id { get; set; }
                }
            }
            """);
        Assert.Contains("new FoKey(entity.dataAreaId, entity.CustomerGroupId)", run.GeneratedSources.Single(s => s.HintName == "N.CustomerGroupsMap.g.cs").Text);
    }

    [Fact]
    public void A_map_without_a_key_is_reported_at_the_class_name() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Field("OrganizationName", "->", "name")]
        public static partial class {|DW0020:CustomersMap|} { }
        """);

    [Fact]
    public void Value_map_errors_are_reported_at_the_entry_or_the_class() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [DualWriteValueMap]
        [ValueMapEntry(Fo.CustVendorBlocked.No, "<->", 806380000)]
        [ValueMapEntry(Fo.CustVendorBlocked.Invoice, "<->", 806380001)]
        public static class {|DW0013:OnHoldStatusCodes|} { }

        [DualWriteValueMap]
        [ValueMapEntry("Net30", "<->", 1)]
        [ValueMapEntry({|DW0013:"Net30"|}, "->", 2)]
        [ValueMapElse("->", 1)]
        [ValueMapElse("<-", "Net30")]
        public static class PaymentTermsCodes { }
        """ + "\n" + Groups + """
        [DualWriteMap("VendorsV2", "->", "msdyn_vendors")]
        [Key("VendorAccountNumber", "msdyn_vendoraccountnumber")]
        [Field("VendorAccountNumber", "->", "msdyn_vendoraccountnumber")]
        [Field("OnHoldStatus", "->", "msdyn_onholdstatus", Via = nameof(OnHoldStatusCodes))]
        public static partial class VendorsMap { }
        """);

    [Fact]
    public void Number_ranges_are_reported_at_their_arguments() => AttributeTest.Verify(AttributeTest.Header + "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [Field("CustomerAccount", "->", "accountnumber")]
        [Numbers("CustomerAccounts", "CustomerAccount", FoFrom = "US0001", FoTo = "US5999", {|DW0012:DataverseFrom = "US5000", DataverseTo = "US9999"|})]
        [Numbers("Others", {|DW0012:"OrganizationName"|}, FoPrefix = "A", DataversePrefix = "B")]
        public static partial class CustomersMap { }
        """);

    [Fact]
    public void Class_shape_errors_are_reported_at_the_class_name() => AttributeTest.Verify(AttributeTest.Header + """
        namespace N;
        [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
        public static class {|DW0025:CustomerGroupsMap|} { }

        [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
        public static partial class {|DW0025:Groups|} { }

        public static class Outer
        {
            [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
            public static partial class {|DW0025:CustomerGroupsMap|} { }
        }
        """);

    [Fact]
    public void Duplicate_names_across_forms_are_reported_at_the_class_name() => AttributeTest.Verify(
        AttributeTest.Header + "namespace Contoso.Integration;\n" + """
        [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
        [Field("CustomerGroupId", "<->", "msdyn_groupid")]
        public static partial class {|DW0017:CustomerGroupsMap|} { }
        """,
        dwmapFiles: new System.Collections.Generic.Dictionary<string, string>
        {
            ["a.dwmap"] = "namespace Contoso.Integration\nmap CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {\n  CustomerGroupId <-> msdyn_groupid\n}\n",
        });
}
