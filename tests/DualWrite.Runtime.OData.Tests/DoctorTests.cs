using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary><c>dualwrite doctor</c> against the local services publishing drifted <c>$metadata</c>, with the sample's compiled maps.</summary>
public sealed class DoctorTests : IDisposable
{
    private const string TokenVariable = "DUALWRITE_DOCTOR_TEST_TOKEN";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dw-doctor-" + Guid.NewGuid().ToString("N")[..8]);

    public DoctorTests()
    {
        Directory.CreateDirectory(_folder);
        Environment.SetEnvironmentVariable(TokenVariable, ConnectedPair.Token);
    }

    [Fact]
    public async Task A_clean_pair_of_environments_passes()
    {
        await using var fo = await LocalODataService.StartFoAsync(new LocalODataOptions { SchemaPath = TestSchemas.Fo, AccessToken = ConnectedPair.Token });
        await using var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = TestSchemas.Dataverse, AccessToken = ConnectedPair.Token });

        var (code, text) = Doctor("--fo-url", fo.ServiceRoot.AbsoluteUri, "--fo-schema", TestSchemas.Fo, "--fo-token-env", TokenVariable,
            "--dataverse-url", dataverse.ServiceRoot.AbsoluteUri, "--dataverse-schema", TestSchemas.Dataverse, "--dataverse-token-env", TokenVariable);

        Assert.True(code == 0, text);
        Assert.Contains("Customers: ok", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BREAKING", text, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_column_breaks_the_map_that_writes_it()
    {
        var drifted = DriftedSchema.Dataverse(_folder, "account", type => DriftedSchema.Property(type, "name").Remove());

        var report = await DoctorJsonAsync(drifted, expectedCode: 1);

        var finding = Single(report, "Customers", "name");
        Assert.Equal("breaking", finding.GetProperty("severity").GetString());
        Assert.Equal("accounts", finding.GetProperty("entitySet").GetString());
        Assert.Equal("Edm.String(160)", finding.GetProperty("compiled").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("live").ValueKind);
        Assert.Contains("Restore name on accounts", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal("breaking", MapStatus(report, "Customers"));
        Assert.Equal("ok", MapStatus(report, "CustomerGroups"));

        // Contacts binds accounts by their key only; the name its Account class also holds is for Customers.
        Assert.Equal("ok", MapStatus(report, "Contacts"));
    }

    [Fact]
    public async Task A_retyped_column_breaks_the_map_with_both_definitions_named()
    {
        var drifted = DriftedSchema.Dataverse(_folder, "account", type =>
        {
            var creditLimit = DriftedSchema.Property(type, "creditlimit");
            creditLimit.SetAttributeValue("Type", "Edm.Double");
            creditLimit.SetAttributeValue("Scale", null);
        });

        var report = await DoctorJsonAsync(drifted, expectedCode: 1);

        var finding = Single(report, "Customers", "creditlimit");
        Assert.Equal("breaking", finding.GetProperty("severity").GetString());
        Assert.Equal("Edm.Decimal", finding.GetProperty("compiled").GetString());
        Assert.Equal("Edm.Double", finding.GetProperty("live").GetString());
    }

    [Fact]
    public async Task A_changed_alternate_key_breaks_the_map_keyed_by_it()
    {
        var drifted = DriftedSchema.Dataverse(_folder, "account", type =>
        {
            var keyColumn = type.Descendants().Single(e => e.Name.LocalName == "PropertyValue" && (string?)e.Attribute("PropertyPath") == "accountnumber");
            keyColumn.SetAttributeValue("PropertyPath", "name");
        });

        var report = await DoctorJsonAsync(drifted, expectedCode: 1);

        var finding = Single(report, "Customers", "key(accountnumber, _msdyn_company_value)");
        Assert.Equal("breaking", finding.GetProperty("severity").GetString());
        Assert.Equal("key(name, _msdyn_company_value)", finding.GetProperty("live").GetString());
        Assert.Contains("wait for its index to be active", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal("breaking", Single(report, "Contacts", "parentcustomerid_account.key(accountnumber, _msdyn_company_value)").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_shorter_column_is_a_warning_with_its_own_exit_code()
    {
        var drifted = DriftedSchema.Dataverse(_folder, "account", type => DriftedSchema.Property(type, "accountnumber").SetAttributeValue("MaxLength", "10"));

        var report = await DoctorJsonAsync(drifted, expectedCode: 3);

        var finding = Single(report, "Customers", "accountnumber");
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("Edm.String(20)", finding.GetProperty("compiled").GetString());
        Assert.Equal("Edm.String(10)", finding.GetProperty("live").GetString());
        Assert.Equal("warnings", report.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Enum_members_removed_break_and_members_added_warn()
    {
        var drifted = DriftedSchema.FoEnum(_folder, "CustVendorBlocked", type =>
        {
            var requisition = type.Elements().Single(m => (string?)m.Attribute("Name") == "Requisition");
            requisition.AddAfterSelf(new XElement(requisition.Name, new XAttribute("Name", "Hold"), new XAttribute("Value", "6")));
            requisition.Remove();
        });
        await using var fo = await LocalODataService.StartFoAsync(new LocalODataOptions { SchemaPath = drifted, AccessToken = ConnectedPair.Token, DatabasePath = Path.Combine(_folder, "fo.db") });

        var (code, text) = Doctor("--fo-url", fo.ServiceRoot.AbsoluteUri, "--fo-schema", TestSchemas.Fo, "--fo-token-env", TokenVariable, "--format", "json");

        Assert.True(code == 1, text);
        var findings = Findings(JsonDocument.Parse(text).RootElement, "Customers").Where(f => f.GetProperty("field").GetString() == "OnHoldStatus").ToList();
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "breaking" && f.GetProperty("problem").GetString()!.Contains("lost Requisition", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "warning" && f.GetProperty("problem").GetString()!.Contains("gained Hold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_column_no_map_uses_is_information_only()
    {
        var drifted = DriftedSchema.Dataverse(_folder, "account", type => DriftedSchema.Property(type, "creditlimit_base").Remove());

        var report = await DoctorJsonAsync(drifted, expectedCode: 0);

        var finding = Single(report, "Customers", "creditlimit_base");
        Assert.Equal("info", finding.GetProperty("severity").GetString());
        Assert.Equal("ok", report.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_refused_token_is_reported_with_the_reason_and_never_the_token()
    {
        const string Refused = "a-token-the-service-does-not-know";
        Environment.SetEnvironmentVariable(TokenVariable, Refused);
        await using var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = TestSchemas.Dataverse, AccessToken = ConnectedPair.Token });

        var (code, text) = Doctor("--dataverse-url", dataverse.ServiceRoot.AbsoluteUri, "--dataverse-schema", TestSchemas.Dataverse, "--dataverse-token-env", TokenVariable);

        Assert.True(code == 1, text);
        Assert.Contains("refused the credentials", text, StringComparison.Ordinal);
        Assert.Contains("401", text, StringComparison.Ordinal);
        Assert.Contains("Customers: breaking", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Refused, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_tracking_off_on_a_tracked_table_breaks_the_map_of_that_table()
    {
        var report = await DoctorJsonAsync(TestSchemas.Dataverse, expectedCode: 1, dataverse => dataverse.Organization.SetChangeTracking("accounts", enabled: false));

        var finding = Single(report, "Customers", "change tracking");
        Assert.Equal("breaking", finding.GetProperty("severity").GetString());
        Assert.Equal("accounts", finding.GetProperty("entitySet").GetString());
        Assert.Equal("disabled", finding.GetProperty("live").GetString());
        Assert.Contains("Track changes", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", MapStatus(report, "CustomerGroups"));
    }

    [Fact]
    public async Task An_alternate_key_whose_index_is_not_active_breaks_the_maps_that_address_or_bind_by_it()
    {
        var report = await DoctorJsonAsync(TestSchemas.Dataverse, expectedCode: 1,
            dataverse => dataverse.Organization.SetKeyIndexStatus("accounts", "Pending", "accountnumber", "_msdyn_company_value"));

        var finding = Single(report, "Customers", "key(accountnumber, _msdyn_company_value)");
        Assert.Equal("breaking", finding.GetProperty("severity").GetString());
        Assert.Equal("Active", finding.GetProperty("compiled").GetString());
        Assert.Equal("Pending", finding.GetProperty("live").GetString());
        Assert.Contains("Wait for Dataverse's index job", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);

        // Contacts binds its parent account by that key.
        Assert.Equal("Pending", Single(report, "Contacts", "key(accountnumber, _msdyn_company_value)").GetProperty("live").GetString());
        Assert.Equal("ok", MapStatus(report, "CustomerGroups"));
    }

    [Fact]
    public async Task A_missing_privilege_breaks_the_map_that_needs_it_and_a_narrow_one_warns()
    {
        var report = await DoctorJsonAsync(TestSchemas.Dataverse, expectedCode: 1, dataverse =>
        {
            dataverse.Organization.Revoke("accounts", "Write");
            dataverse.Organization.Grant("msdyn_customergroups", "Read", depth: "Basic");
        });

        var missing = Single(report, "Customers", "privilege Write");
        Assert.Equal("breaking", missing.GetProperty("severity").GetString());
        Assert.Equal("none", missing.GetProperty("live").GetString());
        Assert.Contains("prvWriteaccount", missing.GetProperty("problem").GetString(), StringComparison.Ordinal);
        var narrow = Single(report, "CustomerGroups", "privilege Read");
        Assert.Equal("warning", narrow.GetProperty("severity").GetString());
        Assert.Equal("Basic", narrow.GetProperty("live").GetString());

        // A map that only reads accounts through a lookup needs no Write on it.
        Assert.DoesNotContain(Findings(report, "Contacts"), f => f.GetProperty("field").GetString() == "privilege Write");
    }

    [Fact]
    public async Task A_linked_legal_entity_missing_on_either_side_breaks_the_company_specific_maps_only()
    {
        await using var fo = await LocalODataService.StartFoAsync(new LocalODataOptions { SchemaPath = TestSchemas.Fo, AccessToken = ConnectedPair.Token });
        await using var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = TestSchemas.Dataverse, AccessToken = ConnectedPair.Token });
        await dataverse.InsertAsync("cdm_companies", new Dictionary<string, object?> { ["cdm_companycode"] = "USMF" });
        fo.Organization.AddLegalEntity("DEMF");

        var (code, text) = Doctor("--fo-url", fo.ServiceRoot.AbsoluteUri, "--fo-schema", TestSchemas.Fo, "--fo-token-env", TokenVariable,
            "--dataverse-url", dataverse.ServiceRoot.AbsoluteUri, "--dataverse-schema", TestSchemas.Dataverse, "--dataverse-token-env", TokenVariable,
            "--company", "USMF", "--company", "DEMF", "--company", "GBSI", "--format", "json");

        Assert.True(code == 1, text);
        var report = JsonDocument.Parse(text).RootElement;
        var companies = Findings(report, "Customers").Where(f => f.GetProperty("severity").GetString() == "breaking").ToList();
        Assert.Equal(
            new[] { "dataverse cdm_companies DEMF", "dataverse cdm_companies GBSI", "fo LegalEntities GBSI" },
            companies.Select(f => $"{f.GetProperty("side").GetString()} {f.GetProperty("entitySet").GetString()} {f.GetProperty("compiled").GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal("ok", MapStatus(report, "Products"));
    }

    [Fact]
    public async Task The_modified_time_field_the_connector_polls_gone_from_the_live_entity_breaks_the_map()
    {
        var drifted = DriftedSchema.Fo(_folder, "CustomerGroup", type => DriftedSchema.Property(type, TestSchemas.ModifiedField).Remove());
        await using var fo = await LocalODataService.StartFoAsync(new LocalODataOptions { SchemaPath = drifted, AccessToken = ConnectedPair.Token, DatabasePath = Path.Combine(_folder, "fo.db") });

        var (code, text) = Doctor("--fo-url", fo.ServiceRoot.AbsoluteUri, "--fo-schema", TestSchemas.Fo, "--fo-token-env", TokenVariable,
            "--fo-modified-field", "CustomerGroups=" + TestSchemas.ModifiedField, "--fo-modified-field", "Currencies=" + TestSchemas.ModifiedField, "--format", "json");

        Assert.True(code == 1, text);
        var report = JsonDocument.Parse(text).RootElement;
        var finding = Assert.Single(Findings(report, "CustomerGroups"), f => f.GetProperty("severity").GetString() == "breaking");
        Assert.Equal(TestSchemas.ModifiedField, finding.GetProperty("field").GetString());
        Assert.Equal("Edm.DateTimeOffset", finding.GetProperty("compiled").GetString());
        Assert.Equal("ok", MapStatus(report, "Currencies"));
        Assert.Contains(Findings(report, "Customers"), f => f.GetProperty("severity").GetString() == "info" && f.GetProperty("problem").GetString()!.StartsWith("No modified-time field is polled on CustomersV3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entity_the_application_user_cannot_read_breaks_its_map_with_the_service_reason()
    {
        await using var fo = await LocalODataService.StartFoAsync(new LocalODataOptions { SchemaPath = TestSchemas.Fo, AccessToken = ConnectedPair.Token });
        fo.Organization.Revoke("CustomersV3", "Read");

        var (code, text) = Doctor("--fo-url", fo.ServiceRoot.AbsoluteUri, "--fo-schema", TestSchemas.Fo, "--fo-token-env", TokenVariable, "--format", "json");

        Assert.True(code == 1, text);
        var finding = Assert.Single(Findings(JsonDocument.Parse(text).RootElement, "Customers"));
        Assert.Equal("breaking", finding.GetProperty("severity").GetString());
        Assert.Contains("answered 403 Forbidden", finding.GetProperty("live").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectedPair.Token, text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(TokenVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    private static (int Code, string Text) Doctor(params string[] arguments)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = DualWrite.Cli.Program.RunAsync(new[] { "doctor", "--maps", typeof(Contoso.Integration.DualWriteMaps).Assembly.Location }.Concat(arguments).ToArray(), stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString() + stderr);
    }

    private async Task<JsonElement> DoctorJsonAsync(string dataverseSchema, int expectedCode, Action<LocalODataService>? arrange = null)
    {
        await using var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = dataverseSchema, AccessToken = ConnectedPair.Token, DatabasePath = Path.Combine(_folder, "dataverse.db") });
        arrange?.Invoke(dataverse);
        var (code, text) = Doctor("--dataverse-url", dataverse.ServiceRoot.AbsoluteUri, "--dataverse-schema", TestSchemas.Dataverse, "--dataverse-token-env", TokenVariable, "--format", "json");
        Assert.True(code == expectedCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Single(JsonElement report, string map, string field) =>
        Assert.Single(Findings(report, map), f => f.GetProperty("field").GetString() == field);

    private static IEnumerable<JsonElement> Findings(JsonElement report, string map) =>
        report.GetProperty("maps").EnumerateArray().Single(m => m.GetProperty("name").GetString() == map).GetProperty("findings").EnumerateArray();

    private static string? MapStatus(JsonElement report, string map) =>
        report.GetProperty("maps").EnumerateArray().Single(m => m.GetProperty("name").GetString() == map).GetProperty("status").GetString();
}
