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
}
