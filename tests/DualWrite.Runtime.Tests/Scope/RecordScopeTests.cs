using System;
using Contoso.Integration;
using DualWrite.Runtime.Engine.Scope;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests.Scope;

/// <summary>The in-scope rules that live sync, replay and initial sync share: linked company, direction, filter.</summary>
public sealed class RecordScopeTests
{
    [Fact]
    public void A_striped_record_is_linked_when_its_company_is_and_follows_a_relink()
    {
        var scope = new RecordScope(new[] { "usmf" });
        var key = CustomersMap.Definition.GetFoKey(World.Customer("US-001", "Contoso", company: "USMF"));

        Assert.True(scope.IsLinked(CustomersMap.Definition, key));

        scope.Follow(new[] { "DEMF" });
        Assert.False(scope.IsLinked(CustomersMap.Definition, key));

        scope.Follow(Array.Empty<string>());
        Assert.False(scope.IsLinked(CustomersMap.Definition, key));
    }

    [Fact]
    public void A_global_map_takes_every_company()
    {
        var scope = new RecordScope(Array.Empty<string>());
        var key = ProductsMap.Definition.GetFoKey(new Fo.ProductV2 { ProductNumber = "P1", ProductName = "Bolt", ProductType = Fo.EcoResProductType.Item });

        Assert.True(scope.IsLinked(ProductsMap.Definition, key));
    }

    [Fact]
    public void The_direction_lets_only_the_source_sides_records_flow()
    {
        Assert.True(RecordScope.Flows(ProductsMap.Definition, Side.Fo));
        Assert.False(RecordScope.Flows(ProductsMap.Definition, Side.Dataverse));
        Assert.True(RecordScope.Flows(CustomersMap.Definition, Side.Fo));
        Assert.True(RecordScope.Flows(CustomersMap.Definition, Side.Dataverse));
    }

    [Fact]
    public void A_record_the_filter_refuses_is_out_of_scope()
    {
        var organization = World.Customer("US-001", "Contoso");
        var person = World.Customer("US-002", "Ann");
        person.PartyType = Fo.DirPartyBaseType.Person;

        Assert.True(RecordScope.TakesFo(CustomersMap.Definition, organization));
        Assert.False(RecordScope.TakesFo(CustomersMap.Definition, person));
    }
}
