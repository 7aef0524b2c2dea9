using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Dataverse;

/// <summary>What the Dataverse-like service says about itself: table definitions, the caller, its privileges, and refusals.</summary>
public sealed class DataverseOrganizationTests : IAsyncLifetime
{
    private LocalODataService dataverse = null!;

    public async Task InitializeAsync() =>
        dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = ServiceFixture.Schema("dataverse.metadata.xml"), AccessToken = ServiceFixture.Token });

    public async Task DisposeAsync() => await dataverse.DisposeAsync();

    [Fact]
    public async Task A_table_definition_reports_change_tracking_privileges_and_key_index_status()
    {
        dataverse.Organization.SetChangeTracking("accounts", enabled: false);
        dataverse.Organization.SetKeyIndexStatus("accounts", "Failed", "accountnumber", "msdyn_company");
        using var client = new ODataTestClient(dataverse.ServiceRoot, ServiceFixture.Token);

        var account = await client.GetJsonAsync("EntityDefinitions(LogicalName='account')?$select=LogicalName,ChangeTrackingEnabled,Privileges&$expand=Keys($select=LogicalName,KeyAttributes,EntityKeyIndexStatus)");

        Assert.Equal("account", account["LogicalName"]!.GetValue<string>());
        Assert.False(account["ChangeTrackingEnabled"]!.GetValue<bool>());
        var key = Assert.Single(account["Keys"]!.AsArray());
        Assert.Equal(new[] { "accountnumber", "msdyn_company" }, key!["KeyAttributes"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("Failed", key["EntityKeyIndexStatus"]!.GetValue<string>());
        Assert.Contains(account["Privileges"]!.AsArray(), p => p!["PrivilegeType"]!.GetValue<string>() == "Write" && p["Name"]!.GetValue<string>() == "prvWriteaccount");
        var contact = await client.GetJsonAsync("EntityDefinitions(LogicalName='contact')?$select=ChangeTrackingEnabled");
        Assert.True(contact["ChangeTrackingEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_revoked_privilege_is_missing_from_the_users_privileges_and_its_requests_are_refused_with_403()
    {
        dataverse.Organization.Revoke("accounts", "Read");
        using var client = new ODataTestClient(dataverse.ServiceRoot, ServiceFixture.Token);

        var whoAmI = await client.GetJsonAsync("WhoAmI");
        var user = whoAmI["UserId"]!.GetValue<Guid>();
        var privileges = (await client.GetJsonAsync($"systemusers({user})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()"))["RolePrivileges"]!.AsArray();
        using var refused = await client.SendAsync(HttpMethod.Get, "accounts?$select=name");
        var error = await ODataTestClient.ErrorOf(refused);

        Assert.Equal(dataverse.Organization.UserId, user);
        Assert.DoesNotContain(privileges, p => p!["PrivilegeName"]!.GetValue<string>() == "prvReadaccount");
        Assert.Contains(privileges, p => p!["PrivilegeName"]!.GetValue<string>() == "prvWriteaccount" && p["Depth"]!.GetValue<string>() == "Global");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("0x80040220", error["code"]!.GetValue<string>());
        Assert.Contains("is missing prvReadaccount privilege", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        using var contacts = await client.SendAsync(HttpMethod.Get, "contacts?$select=fullname");
        Assert.Equal(HttpStatusCode.OK, contacts.StatusCode);
    }
}
