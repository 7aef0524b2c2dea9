using System;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Payloads;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>Key and filter literals as the services' URLs spell them.</summary>
public sealed class UriLiteralTests
{
    private static readonly ColumnSchema Text = new("accountnumber", "Edm.String", StorageKind.Text, true, 20, null);
    private static readonly ColumnSchema NoYes = new("IsOneTimeVendor", "Microsoft.Dynamics.DataEntities.NoYes", StorageKind.Text, false, null, new[] { "No", "Yes" });

    [Fact]
    public void Quotes_inside_a_string_key_are_doubled_and_the_literal_is_url_escaped()
    {
        var literal = ODataValues.UriLiteral("O'Brien & Søn", Text);

        Assert.Equal("%27O%27%27Brien%20%26%20S%C3%B8n%27", literal);
        Assert.Equal("'O''Brien & Søn'", Uri.UnescapeDataString(literal));
    }

    [Fact]
    public void An_fo_enum_is_written_as_its_qualified_literal()
    {
        Assert.Equal("Microsoft.Dynamics.DataEntities.NoYes'Yes'", Uri.UnescapeDataString(ODataValues.UriLiteral("Yes", NoYes)));
    }

    [Fact]
    public void A_guid_is_written_bare()
    {
        var id = Guid.Parse("5b1c2f0e-34a1-4f5e-9e0b-0d6c3a1b2c3d");

        Assert.Equal("5b1c2f0e-34a1-4f5e-9e0b-0d6c3a1b2c3d", ODataValues.UriLiteral(id, null));
    }

    [Fact]
    public void A_string_longer_than_its_column_is_refused_before_it_is_sent()
    {
        var table = new TableSchema("accounts", "Microsoft.Dynamics.CRM.account", new[] { Text }, new[] { "accountid" }, Array.Empty<System.Collections.Generic.IReadOnlyList<string>>(), Array.Empty<LookupSchema>());

        var error = Assert.Throws<DualWrite.Runtime.Environments.EnvironmentWriteException>(() => ODataValues.ToOData(new string('x', 21), table, Text));

        Assert.Contains("accounts.accountnumber holds at most 20", error.Message, StringComparison.Ordinal);
    }
}
