using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A 'via' that names nothing usable (DW0021) says which of its parts is missing: the value map, the type, the method,
/// or an overload of the right types, and what to declare.
/// </summary>
public sealed class ViaMessageTests
{
    [Fact]
    public void Each_unusable_via_names_what_is_missing_and_what_to_declare()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 -> dataverse accounts {
              key CustomerAccount <-> accountnumber
              CustomerAccount -> accountnumber
              OrganizationName -> name via {|DW0021:NoSuchMap|}
              AddressCity -> address1_city via {|DW0021:Tests.Text.Length|}
              PaymentTerms -> msdyn_paymentterms via {|DW0021:Tests.Nowhere.Convert|}
              AddressZipCode -> address1_postalcode via {|DW0021:Tests.Text.Missing|}
            }
            """, new[] { "namespace Tests; public static class Text { public static int Length(string? value) => value?.Length ?? 0; }" });

        Assert.Equal(
            new[]
            {
                "There is no value map 'NoSuchMap'. Declare 'valuemap NoSuchMap { ... }' or name a static method as 'Namespace.Type.Method'.",
                "'Tests.Text.Length' has no overload from string to string towards Dataverse (found int (string)); add 'public static string? Length(string? value)'.",
                "There is no type 'Tests.Nowhere' in the compilation for 'via Tests.Nowhere.Convert'; name a static method as 'Namespace.Type.Method'.",
                "Type 'Tests.Text' has no static method 'Missing' with one parameter; declare 'static string? Missing(string? value)'.",
            },
            DiagnosticMessages.Of(run));
    }
}
