using System.Threading.Tasks;
using DualWrite.Analyzers;
using DualWrite.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace DualWrite.Analyzers.Tests;

/// <summary>Each code fix, before and after, with the generator reporting the diagnostic it fixes.</summary>
public sealed class CodeFixTests
{
    private const string Groups = """
        [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
        [Field("CustomerGroupId", "<->", "msdyn_groupid")]
        public static partial class CustomerGroupsMap { }

        """;

    [Fact]
    public Task Lone_equals_becomes_double_equals() => new DualWriteFixTest<MisplacedAttributeAnalyzer, LoneEqualsCodeFixProvider>(
        "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [FoFilter("((CustomerGroupId {|DW0024:=|} \"10\"))")]
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """,
        "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [FoFilter("((CustomerGroupId == \"10\"))")]
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """).RunAsync();

    [Fact]
    public Task Asterisk_compared_with_equals_becomes_like() => new DualWriteFixTest<MisplacedAttributeAnalyzer, WildcardEqualsCodeFixProvider>(
        "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [FoFilter("((CustomerAccount == {|DW0027:\"V0*\"|}))")]
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """,
        "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [FoFilter("((CustomerAccount like \"V0*\"))")]
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """).RunAsync();

    [Fact]
    public Task Missing_key_is_added_from_the_one_alternate_key() => new DualWriteFixTest<MisplacedAttributeAnalyzer, MissingKeyCodeFixProvider>(
        """
        namespace N;
        [DualWriteMap("CustomerGroups", "->", "msdyn_customergroups")]
        [Field("Description", "->", "msdyn_description")]
        public static partial class {|DW0020:CustomerGroupsMap|} { }
        """,
        """
        namespace N;
        [DualWriteMap("CustomerGroups", "->", "msdyn_customergroups")]
        [Key("CustomerGroupId", "msdyn_groupid")]
        [Field("Description", "->", "msdyn_description")]
        public static partial class CustomerGroupsMap { }
        """).RunAsync();

    [Fact]
    public Task Missing_key_is_added_as_DualWriteKey_where_DataAnnotations_is_imported() => new DualWriteFixTest<MisplacedAttributeAnalyzer, MissingKeyCodeFixProvider>(
        """
        namespace N
        {
            using System.ComponentModel.DataAnnotations;

            [DualWriteMap("CustomerGroups", "->", "msdyn_customergroups")]
            [Field("Description", "->", "msdyn_description")]
            public static partial class {|DW0020:CustomerGroupsMap|} { }
        }
        """,
        """
        namespace N
        {
            using System.ComponentModel.DataAnnotations;

            [DualWriteMap("CustomerGroups", "->", "msdyn_customergroups")]
            [DualWriteKey("CustomerGroupId", "msdyn_groupid")]
            [Field("Description", "->", "msdyn_description")]
            public static partial class CustomerGroupsMap { }
        }
        """).RunAsync();

    [Fact]
    public Task Missing_enum_entries_are_added_with_the_values_left_to_write() => new DualWriteFixTest<MisplacedAttributeAnalyzer, EnumEntriesCodeFixProvider>(
        "namespace N;\n" + Groups + """
        [DualWriteValueMap]
        [ValueMapEntry(Fo.NoYes.No, "->", false)]
        public static class {|DW0013:NoYesBoolean|} { }
        """,
        "namespace N;\n" + Groups + """
        [DualWriteValueMap]
        [ValueMapEntry(Fo.NoYes.No, "->", false)]
        [ValueMapEntry(Fo.NoYes.Yes, "<->", {|CS0103:{|DW0025:DataverseValue|}|})]
        public static class NoYesBoolean { }
        """).RunAsync();

    [Fact]
    public Task A_company_filter_becomes_a_note() => new DualWriteFixTest<MisplacedAttributeAnalyzer, CompanyFilterCodeFixProvider>(
        "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        [FoFilter("(({|DW0011:dataAreaId|} == \"usmf\"))")]
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """,
        "namespace N;\n" + Groups + """
        [DualWriteMap("CustomersV3", "->", "accounts")]
        [Key("CustomerAccount", "accountnumber")]
        // Which companies sync is chosen when the environments are linked (run-time configuration), not per map; removed: ((dataAreaId == "usmf"))
        [Field("CustomerAccount", "->", "accountnumber")]
        public static partial class CustomersMap { }
        """).RunAsync();

    [Fact]
    public Task A_company_condition_among_others_is_not_removed()
    {
        var source = "namespace N;\n" + Groups + """
            [DualWriteMap("CustomersV3", "->", "accounts")]
            [Key("CustomerAccount", "accountnumber")]
            [FoFilter("(({|DW0011:dataAreaId|} == \"usmf\") && (CustomerGroupId == \"10\"))")]
            [Field("CustomerAccount", "->", "accountnumber")]
            public static partial class CustomersMap { }
            """;
        return NoFix(new DualWriteFixTest<MisplacedAttributeAnalyzer, CompanyFilterCodeFixProvider>(source, source));
    }

    [Fact]
    public Task Map_clauses_outside_a_map_class_are_reported()
    {
        var source = """
            namespace N;
            [{|DW0025:Field("CustomerGroupId", "<->", "msdyn_groupid")|}]
            public static partial class CustomerGroupsMap { }

            [{|DW0025:ValueMapEntry("Net30", "<->", 1)|}]
            public static class PaymentTermsCodes { }

            public sealed class VendorGroupRow
            {
                [{|DW0025:EntityProperty("msdyn_description")|}]
                public string? Text { get; set; }
            }
            """;
        return NoFix(new DualWriteFixTest<MisplacedAttributeAnalyzer, LoneEqualsCodeFixProvider>(source, source));
    }

    // The fixed state ignores markup of fixable diagnostics by default; where no fix applies, they remain.
    private static Task NoFix<TAnalyzer, TCodeFix>(DualWriteFixTest<TAnalyzer, TCodeFix> test)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        where TCodeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }
}
