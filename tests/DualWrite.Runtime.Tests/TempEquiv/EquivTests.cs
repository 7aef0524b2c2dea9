using System.IO;
using System.Linq;
using System.Text.Json;
using DualWrite.Runtime.Environments.Schema;
using Xunit;
using Xunit.Abstractions;

namespace DualWrite.Runtime.Tests.TempEquiv;

public sealed class EquivTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("tests/TestData/dataverse-csdl/crm_schema.xml")]
    [InlineData("tests/TestData/dataverse-csdl/DynamicsCRM.xml")]
    [InlineData("tests/DualWrite.Cli.Tests/TestData/dualwrite/dualwriteentitymaps.metadata.xml")]
    [InlineData("tests/DualWrite.Runtime.CycleMaps/schemas/dataverse.metadata.xml")]
    [InlineData("tests/DualWrite.Runtime.CycleMaps/schemas/fo.metadata.xml")]
    [InlineData("dsl-samples/Contoso.Integration/schemas/dataverse.metadata.xml")]
    [InlineData("dsl-samples/Contoso.Integration/schemas/fo.metadata.xml")]
    public void Same(string file)
    {
        var path = Path.Combine("/work/wt/schema", file);
        var old = OldCsdlSchemaReader.ReadFile(Side.Fo, path);
        var now = EnvironmentSchema.ReadFile(Side.Fo, path).Tables;
        var o = JsonSerializer.Serialize(old.Select(Shape), new JsonSerializerOptions { WriteIndented = true });
        var n = JsonSerializer.Serialize(now.Select(Shape), new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText("/tmp/equiv-old-" + Path.GetFileName(file) + ".json", o);
        File.WriteAllText("/tmp/equiv-new-" + Path.GetFileName(file) + ".json", n);
        output.WriteLine($"{old.Count} tables");
        Assert.Equal(o, n);
    }

    private static object Shape(TableSchema t) => new
    {
        t.Name, t.EntityType, t.PrimaryKey, t.AlternateKeys,
        Columns = t.Columns.Select(c => new { c.Name, c.EdmType, Storage = c.Storage.ToString(), c.IsNullable, c.MaxLength, c.EnumMembers }),
        t.Lookups,
    };
}
