using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Emit;

/// <summary>
/// <c>default v</c> applies when the source value is null or absent; an F&amp;O string field has no null, so <c>""</c> from
/// F&amp;O is absent too, while Dataverse's <c>""</c> is a value (DSL.md §4, Fields). Checked by running the generated code.
/// </summary>
public sealed class DefaultTests
{
    private const string Map = "namespace Tests\n" + MapTest.SchemaHeader + """
        map Products : fo ProductsV2 <-> dataverse msdyn_globalproducts {
          company global
          key ProductNumber <-> msdyn_productnumber

          ProductNumber      <-> msdyn_productnumber
          ProductDescription <-> msdyn_description default "n/a"
        }
        """;

    [Theory]
    [InlineData("", "n/a")]
    [InlineData(null, "n/a")]
    [InlineData("Bolt", "Bolt")]
    public void An_empty_FO_string_is_absent_and_takes_the_default(string? description, string expected)
    {
        var map = Load().GetType("Tests.ProductsMap")!;
        var fo = Create(map.Assembly, "Tests.Fo.ProductV2", ("ProductNumber", "P1"), ("ProductDescription", description));
        var dataverse = Create(map.Assembly, "Tests.Dataverse.Msdyn_globalproduct");

        map.GetMethod("ToDataverse")!.Invoke(null, new[] { fo, dataverse });

        Assert.Equal(expected, dataverse.GetType().GetProperty("msdyn_description")!.GetValue(dataverse));
    }

    [Fact]
    public void An_empty_Dataverse_string_is_a_value()
    {
        var map = Load().GetType("Tests.ProductsMap")!;
        var dataverse = Create(map.Assembly, "Tests.Dataverse.Msdyn_globalproduct", ("msdyn_productnumber", "P1"), ("msdyn_description", string.Empty));
        var fo = Create(map.Assembly, "Tests.Fo.ProductV2");

        map.GetMethod("ToFo")!.Invoke(null, new[] { dataverse, fo });

        Assert.Equal(string.Empty, fo.GetType().GetProperty("ProductDescription")!.GetValue(fo));
    }

    private static Assembly Load()
    {
        var run = MapTest.Verify(Map);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(image);
    }

    private static object Create(Assembly assembly, string type, params (string Name, object? Value)[] values)
    {
        var instance = Activator.CreateInstance(assembly.GetType(type, throwOnError: true)!)!;
        foreach (var (name, value) in values)
        {
            instance.GetType().GetProperty(name)!.SetValue(instance, value);
        }

        return instance;
    }
}
