using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Robustness;

/// <summary>One mistake, one diagnostic: an error does not bring follow-on errors or advice that points elsewhere.</summary>
public sealed class FollowOnDiagnosticTests
{
    [Fact]
    public void A_wrong_key_clause_is_DW0009_alone_and_numbers_on_the_entity_key_stay_valid() =>
        GeneratedNameTests.VerifyCompiles("namespace Tests\n" + MapTest.SchemaHeader + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              company striped
              key {|DW0009:OrganizationName|} <-> accountnumber
              CustomerAccount <-> accountnumber
            }

            numbers CustomerAccounts for Customers.CustomerAccount {
              fo        prefix "F"
              dataverse prefix "C"
            }
            """);
}
