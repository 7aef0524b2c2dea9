using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Runtime.Tests;

/// <summary>What the runtime tells each environment its maps read of its tables, when it is made.</summary>
public sealed class MapReadsTests
{
    [Fact]
    public void The_source_side_is_told_every_property_of_the_entity_and_a_side_only_written_is_told_none()
    {
        using var world = new World(maps: [ProductsMap.Definition], link: false);
        var fo = new DeclaringEnvironment(world.Fo);
        var dataverse = new DeclaringEnvironment(world.Dataverse);

        using var runtime = new DualWriteRuntime(fo, dataverse, world.State, world.Maps);

        var (entitySet, properties) = Assert.Single(fo.Declared);
        Assert.Equal("ProductsV2", entitySet);
        Assert.Subset(properties.ToHashSet(), new HashSet<string> { "ProductNumber", "ProductName", "ProductDescription", "ProductType" });
        Assert.Equal(ProductsMap.Definition.Fo.Properties.Select(p => p.Name).Order(StringComparer.Ordinal), properties.Order(StringComparer.Ordinal));
        Assert.Equal(("msdyn_globalproducts", 0), Assert.Single(dataverse.Declared.Select(d => (d.EntitySet, d.Properties.Count))));
    }

    private sealed class DeclaringEnvironment(IDualWriteEnvironment inner) : ForwardingEnvironment(inner)
    {
        public List<(string EntitySet, IReadOnlyCollection<string> Properties)> Declared { get; } = new();

        public override void DeclareReadProperties(string entitySet, IReadOnlyCollection<string> properties)
        {
            Declared.Add((entitySet, properties.ToList()));
            base.DeclareReadProperties(entitySet, properties);
        }

        // The world owns the embedded environment.
        protected override void Dispose(bool disposing)
        {
        }
    }
}
