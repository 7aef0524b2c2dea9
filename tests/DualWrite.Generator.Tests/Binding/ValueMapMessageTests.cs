using System.Linq;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// What each DW0013 of a value map says, at the value or the entry it is about; the value maps are generated all the
/// same, without the entries in error, and compile. And how a valid value map converts.
/// </summary>
public sealed class ValueMapMessageTests
{
    [Fact]
    public void Each_invalid_value_map_says_what_is_wrong_and_what_to_write()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            valuemap {|DW0013:OnlyElse|} {
              else -> 1
            }
            valuemap MixedFo {
              "A" <-> 1
              {|DW0013:2|} <-> 2
            }
            valuemap DataverseEnum {
              "A" <-> {|DW0013:CustVendorBlocked::No|}
            }
            valuemap NoEnum {
              {|DW0013:NoSuchEnum::A|} -> 1
            }
            valuemap ElseBothWays {
              "A" <-> 1
              {|DW0013:else <-> 2|}
            }
            valuemap TwoElses {
              "A" -> 1
              else -> 2
              {|DW0013:else|} -> 3
            }
            valuemap NullSource {
              {|DW0013:null|} -> 1
              "A" -> 2
            }
            valuemap Duplicate {
              "Net30" <-> 1
              {|DW0013:"NET30"|} -> 2
            }
            valuemap OutOfRange {
              "A" <-> {|DW0013:99999999999999999999|}
              "B" <-> 2
            }
            valuemap {|DW0013:Hold|} {
              CustVendorBlocked::No -> 806380000
            }
            valuemap MixedEnums {
              CustVendorBlocked::No <-> 1
              {|DW0013:NoYes::Yes|} <-> 2
            }
            valuemap MixedNumbers {
              1 <-> 1
              1.5 <-> 2
              {|DW0013:"A"|} <-> 3
            }
            valuemap HoldWithElse {
              CustVendorBlocked::No -> 806380000
              else -> 806380002
            }
            valuemap YesNo {
              NoYes::No -> false
              NoYes::Yes -> true
            }
            """);

        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        var code = GeneratedCode.Load(run);
        Assert.Equal(1, code.StaticMethod("Tests.ValueMaps.Duplicate", "ToDataverse")!.Invoke(null, new object?[] { "NET30" }));
        Assert.Equal(2, code.StaticMethod("Tests.ValueMaps.NullSource", "ToDataverse")!.Invoke(null, new object?[] { "A" }));

        Assert.Equal(
            new[]
            {
                "Value map 'OnlyElse' has no F&O values; add entries such as '\"A\" <-> 1'.",
                "All F&O values of 'MixedFo' must have one type: the value 2 differs from the string \"A\".",
                "Dataverse has no enums (CustVendorBlocked::No); write the option-set value as a number.",
                "The F&O schema has no enum 'NoSuchEnum'.",
                "'else' cannot be mapped both ways; write a one-way fallback such as 'else -> 1' or 'else <- \"A\"'.",
                "Value map 'TwoElses' already has an 'else' towards Dataverse; keep one.",
                "A value map does not match null; give the field a 'default' instead.",
                "the string \"NET30\" is already mapped towards Dataverse in 'Duplicate'; remove the duplicate or make one entry one-way.",
                "In this value map the value 99999999999999999999 is out of the range of int.",
                "Value map 'Hold' has no entry towards Dataverse for CustVendorBlocked::Invoice, CustVendorBlocked::All, CustVendorBlocked::Payment, CustVendorBlocked::Requisition, CustVendorBlocked::Never; add them or an 'else -> value'.",
                "All F&O values of 'MixedEnums' must have one type: the enum value NoYes::Yes differs from the enum value CustVendorBlocked::No.",
                "All F&O values of 'MixedNumbers' must have one type: the string \"A\" differs from the value 1.",
            },
            DiagnosticMessages.Of(run));
        Assert.Equal(
            new (string, string?)[] { ("DualWrite.EnumType", "CustVendorBlocked"), ("DualWrite.MissingMembers", "Invoice,All,Payment,Requisition,Never") },
            run.Result.Diagnostics.Single(d => d.Properties.Count > 0).Properties.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToArray());
    }

    [Fact]
    public void A_value_map_converts_text_ignoring_case_falls_back_on_its_first_else_and_has_no_method_for_a_direction_without_entries()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            valuemap Terms {
              "Net30" <-> 1
              "Net60" -> 2
              else -> 9
              {|DW0013:else|} -> 8
            }
            valuemap OneWay {
              "A" -> 1
            }
            """);

        var code = GeneratedCode.Load(run);
        var toDataverse = code.StaticMethod("Tests.ValueMaps.Terms", "ToDataverse")!;
        Assert.Equal(1, toDataverse.Invoke(null, new object?[] { "NET30" }));
        Assert.Equal(2, toDataverse.Invoke(null, new object?[] { "net60" }));
        Assert.Equal(9, toDataverse.Invoke(null, new object?[] { "Net90" }));
        Assert.Equal("Net30", code.StaticMethod("Tests.ValueMaps.Terms", "ToFo")!.Invoke(null, new object?[] { 1 }));
        Assert.NotNull(code.StaticMethod("Tests.ValueMaps.OneWay", "ToDataverse"));
        Assert.Null(code.StaticMethod("Tests.ValueMaps.OneWay", "ToFo"));
    }
}
