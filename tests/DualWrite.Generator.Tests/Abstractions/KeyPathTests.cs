extern alias Abstractions;

using System;
using Abstractions::DualWrite;

namespace DualWrite.Generator.Tests.Abstractions;

/// <summary>The typed key path generated maps hand the runtime (issue 15): split once, compared by schema name.</summary>
public sealed class KeyPathTests
{
    [Fact]
    public void A_path_through_a_lookup_keeps_its_segments_and_its_dotted_text()
    {
        var path = new KeyPath("msdyn_company", "cdm_companycode");

        Assert.Equal(new[] { "msdyn_company", "cdm_companycode" }, path.Segments);
        Assert.Equal("cdm_companycode", path.Column);
        Assert.True(path.ThroughLookup);
        Assert.Equal("msdyn_company.cdm_companycode", path.Text);
        Assert.Equal("msdyn_company.cdm_companycode", path.ToString());
    }

    [Fact]
    public void A_column_path_goes_through_no_lookup()
    {
        var path = new KeyPath("accountnumber");

        Assert.False(path.ThroughLookup);
        Assert.Equal("accountnumber", path.Column);
    }

    [Fact]
    public void Paths_compare_by_their_names_ignoring_case()
    {
        Assert.Equal(new KeyPath("msdyn_company", "cdm_companycode"), new KeyPath("MSDYN_company", "cdm_CompanyCode"));
        Assert.Equal(new KeyPath("a", "b").GetHashCode(), new KeyPath("A", "B").GetHashCode());
        Assert.NotEqual(new KeyPath("a", "b"), new KeyPath("a"));
        Assert.False(new KeyPath("a").Equals(null));
    }

    [Fact]
    public void The_path_does_not_change_when_its_array_does()
    {
        var segments = new[] { "msdyn_company", "cdm_companycode" };
        var path = new KeyPath(segments);
        segments[1] = "name";

        Assert.Equal("cdm_companycode", path.Column);
    }

    [Fact]
    public void A_path_needs_property_names_without_dots()
    {
        Assert.Throws<ArgumentException>(() => new KeyPath());
        Assert.Throws<ArgumentException>(() => new KeyPath("msdyn_company", string.Empty));
        Assert.Throws<ArgumentException>(() => new KeyPath("msdyn_company.cdm_companycode"));
    }

    [Fact]
    public void A_path_reads_its_value_through_the_lookups_and_null_where_a_lookup_is_empty()
    {
        var account = new Account { Number = "US0001", Company = new Company { Code = "USMF" } };

        Assert.Equal("USMF", new KeyPath("msdyn_company", "cdm_companycode").ReadValue(Accounts, account));
        Assert.Equal("US0001", new KeyPath("ACCOUNTNUMBER").ReadValue(Accounts, account));
        Assert.Null(new KeyPath("msdyn_company", "cdm_companycode").ReadValue(Accounts, new Account()));
        Assert.Null(new KeyPath("accountnumber").ReadValue(Accounts, null));
    }

    [Fact]
    public void A_path_naming_no_property_or_going_through_a_column_is_refused()
    {
        var account = new Account { Number = "US0001", Company = new Company { Code = "USMF" } };

        var missing = Assert.Throws<NotSupportedException>(() => new KeyPath("msdyn_company", "name").ReadValue(Accounts, account));
        Assert.Contains("msdyn_company.name", missing.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => new KeyPath("accountnumber", "cdm_companycode").ReadValue(Accounts, account));
    }

    private sealed class Company
    {
        public string? Code { get; set; }
    }

    private sealed class Account
    {
        public string? Number { get; set; }

        public Company? Company { get; set; }
    }

    private static readonly EntityDescriptor<Company> Companies = new(
        Side.Dataverse,
        "Microsoft.Dynamics.CRM.cdm_company",
        "cdm_companies",
        static () => new Company(),
        new EntityProperty<Company>[] { new EntityProperty<Company, string?>("cdm_companycode", "Edm.String", static c => c.Code, static (c, v) => c.Code = v) });

    private static readonly EntityDescriptor<Account> Accounts = new(
        Side.Dataverse,
        "Microsoft.Dynamics.CRM.account",
        "accounts",
        static () => new Account(),
        new EntityProperty<Account>[]
        {
            new EntityProperty<Account, string?>("accountnumber", "Edm.String", static a => a.Number, static (a, v) => a.Number = v),
            new EntityProperty<Account, Company?>("msdyn_company", "Microsoft.Dynamics.CRM.cdm_company", static a => a.Company, static (a, v) => a.Company = v, static () => Companies),
        });
}
