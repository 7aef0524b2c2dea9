using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>What DW0015 says when a value cannot be copied: both ends and their types, the default that does not fit, the 'none' without a default.</summary>
public sealed class ConversionMessageTests
{
    [Fact]
    public void Each_conversion_error_names_the_ends_and_what_to_write()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
              CreditLimit {|DW0015:->|} name
              none -> customertypecode default {|DW0015:"three"|}
              {|DW0015:none|} -> statecode
            }
            """);

        var messages = DiagnosticMessages.Of(run);
        Assert.Equal(3, messages.Length);
        Assert.Equal("F&O field 'CreditLimit' is decimal but Dataverse column 'name' is string; add 'via <ValueMap>' or 'via <Namespace.Type.Method>' to convert.", messages[0]);
        Assert.StartsWith("The default value does not fit Dataverse column 'customertypecode': ", messages[1]);
        Assert.EndsWith("; write a default of that type.", messages[1]);
        Assert.Equal("'none' gives Dataverse column 'statecode' no value; add 'default <value>' to set a constant.", messages[2]);
    }

    [Fact]
    public void A_none_without_default_is_reported_at_the_none_on_either_side()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
              {|DW0015:none|} -> statecode
              OrganizationName <- {|DW0015:none|}
            }
            """);

        Assert.Equal(
            new[]
            {
                "'none' gives Dataverse column 'statecode' no value; add 'default <value>' to set a constant.",
                "'none' gives F&O field 'OrganizationName' no value; add 'default <value>' to set a constant.",
            },
            DiagnosticMessages.Of(run));
    }
}
