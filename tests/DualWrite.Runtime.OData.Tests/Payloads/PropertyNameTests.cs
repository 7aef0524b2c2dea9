using System.Linq;
using System.Text;
using DualWrite.Runtime.OData.Payloads.Json;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>A page's rows name their properties with the schema's strings, not a new string per row and property.</summary>
public sealed class PropertyNameTests
{
    [Fact]
    public void Every_row_of_a_page_names_a_declared_property_with_the_schemas_own_string()
    {
        var json = Encoding.UTF8.GetBytes("""{"value":[{"Name":"a","Count":1,"Extra":"x"},{"Name":"b","Count":2,"Extra":"y"}]}""");

        var page = JsonPayloadReader.ReadPage(json, PayloadCodecModel.Type, PayloadCodecModel.Root);

        var declared = PayloadCodecModel.Type.DeclaredProperties.Single(p => p.Name == "Name").Name;
        Assert.All(page.Rows, row => Assert.Same(declared, row.Properties.Keys.Single(k => k == "Name")));

        // An undeclared property is still read, under the payload's spelling.
        Assert.Equal(new[] { "x", "y" }, page.Rows.Select(r => r["Extra"]));
    }

    [Fact]
    public void A_declared_property_whose_name_the_payload_escapes_is_still_read_with_its_declared_type()
    {
        // "\u0041t" is "At", an Edm.DateTimeOffset: read untyped it would stay a string.
        var json = Encoding.UTF8.GetBytes("""{"value":[{"\u0041t":"2026-01-02T03:04:05Z","Name":"a"}]}""");

        var row = Assert.Single(JsonPayloadReader.ReadPage(json, PayloadCodecModel.Type, PayloadCodecModel.Root).Rows);

        Assert.IsType<System.DateTimeOffset>(row["At"]);
    }
}
