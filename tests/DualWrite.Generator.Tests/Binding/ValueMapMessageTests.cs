using System.Linq;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>What each DW0013 of a value map says, at the value or the entry it is about.</summary>
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
            """);

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
            },
            DiagnosticMessages.Of(run));
        Assert.Equal(
            new[] { ("DualWrite.EnumType", "CustVendorBlocked"), ("DualWrite.MissingMembers", "Invoice,All,Payment,Requisition,Never") },
            run.Result.Diagnostics.Single(d => d.Properties.Count > 0).Properties.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
    }
}
