using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A map whose text ends in a syntax error (the file cut off inside its last mapping) gets no inferred-key error
/// (DW0020): the error sits where the map ends, and the mapping it cut short may be the one that gave the key.
/// </summary>
public sealed class SyntaxErrorAtMapEndTests
{
    [Fact]
    public void A_map_cut_off_in_its_last_mapping_reports_only_the_syntax_error() =>
        MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              OrganizationName <-> name
              CustomerAccount <->{|DW0001:|}
            """);
}
