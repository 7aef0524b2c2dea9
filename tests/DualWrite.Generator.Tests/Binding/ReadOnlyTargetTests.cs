using System.Collections.Generic;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A target the schema makes read-only without computing it (<c>Core.Permissions</c> Read alone) is DW0023 too, and
/// its message says "read-only" rather than "computed" (the sample schemas' read-only properties are all computed).
/// </summary>
public sealed class ReadOnlyTargetTests
{
    private const string ReadOnly = "<Annotation Term=\"Core.Permissions\" EnumMember=\"Core.Permission/Read\" />";

    [Fact]
    public void A_read_only_target_that_is_not_computed_is_called_read_only_on_either_side()
    {
        var schemas = new Dictionary<string, string>(MapTest.SampleSchemas());
        schemas["fo.metadata.xml"] = Edit(schemas["fo.metadata.xml"],
            "<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"60\" />\n        <Property Name=\"PaymentTermId\"",
            "<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"60\">" + ReadOnly + "</Property>\n        <Property Name=\"PaymentTermId\"");
        schemas["dataverse.metadata.xml"] = Edit(schemas["dataverse.metadata.xml"],
            "<Annotation Term=\"Org.OData.Core.V1.Description\" String=\"Description of the customer group.\" />",
            "<Annotation Term=\"Org.OData.Core.V1.Description\" String=\"Description of the customer group.\" />" + ReadOnly);

        var run = MapTest.Verify(CatalogTests.Header + """
            map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
              key CustomerGroupId <-> msdyn_groupid
              CustomerGroupId <-> msdyn_groupid
              {|DW0023:Description|} <- msdyn_groupid
              CustomerGroupId -> {|DW0023:msdyn_description|}
            }
            """, schemas: schemas);

        Assert.Equal(
            new[]
            {
                "F&O field 'Description' is read-only and cannot be written; map it '->' only, or choose another field.",
                "Dataverse column 'msdyn_description' is read-only and cannot be written; map it '<-' only, or choose another column.",
            },
            DiagnosticMessages.Of(run));
    }

    private static string Edit(string schema, string from, string to)
    {
        var normalized = schema.Replace("\r\n", "\n");
        Assert.Contains(from, normalized);
        return normalized.Replace(from, to);
    }
}
