using System;
using System.Linq;
using Contoso.Integration;
using DualWrite;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Samples.Tests;

/// <summary>The maps as a runtime drives them: through <see cref="IDualWriteMap"/>, without knowing their types.</summary>
public sealed class DefinitionTests
{
    [Fact]
    public void Definition_describes_the_map()
    {
        IDualWriteMap map = CustomersMap.Definition;
        Assert.Equal("Customers", map.Name);
        Assert.Equal(SyncDirection.Both, map.Direction);
        Assert.Equal(CompanyScope.Striped, map.Company);
        Assert.Equal(ConflictPolicy.LatestWins, map.Conflict);
        Assert.Equal(new[] { "CustomerGroups" }, map.DependsOn);
        Assert.Equal(CustomersMap.FoODataFilter, map.FoODataFilter);
        Assert.Equal("customertypecode eq 3 and statecode eq 0", map.DataverseFilter);
        Assert.Equal("CustomersV3", map.Fo.EntitySet);
        Assert.Equal("Microsoft.Dynamics.CRM.account", map.Dataverse.SchemaType);
        Assert.Equal(typeof(Dataverse.Account), map.Dataverse.ClrType);
        Assert.Equal(new[] { new KeyPath("dataAreaId"), new KeyPath("CustomerAccount") }, map.FoKeyPaths);
        Assert.Equal(new[] { new KeyPath("msdyn_company", "cdm_companycode"), new KeyPath("accountnumber") }, map.DataverseKeyPaths);
        Assert.Equal(new[] { new KeyPath("ProductNumber") }, ProductsMap.Definition.FoKeyPaths);
    }

    [Fact]
    public void Key_paths_come_split_and_are_the_same_objects_on_every_read()
    {
        IDualWriteMap map = CustomersMap.Definition;
        var company = map.DataverseKeyPaths[0];

        Assert.Equal(new[] { "msdyn_company", "cdm_companycode" }, company.Segments);
        Assert.True(company.ThroughLookup);
        Assert.Equal("cdm_companycode", company.Column);
        Assert.Equal("msdyn_company.cdm_companycode", company.Text);
        Assert.False(map.FoKeyPaths[0].ThroughLookup);

        // The runtime caches its queries and indexes per key path list, by reference.
        Assert.Same(map.FoKeyPaths, map.FoKeyPaths);
        Assert.Same(map.DataverseKeyPaths, CustomersMap.Definition.DataverseKeyPaths);
    }

    [Fact]
    public void Descriptors_read_and_write_properties_by_name_and_follow_lookups()
    {
        var descriptor = CustomersMap.Definition.Dataverse;
        var account = descriptor.Create();
        var name = descriptor.Find("name")!;
        name.Set(account, "Litware");
        Assert.Equal("Litware", account.name);
        Assert.Equal(typeof(string), name.ClrType);

        var creditLimit = descriptor.Find("creditlimit")!;
        creditLimit.Set(account, 12.5m);
        Assert.Equal(12.5m, creditLimit.Get(account));
        Assert.Equal(typeof(decimal), creditLimit.ClrType);

        var company = descriptor.Find("msdyn_company")!;
        Assert.Equal("cdm_companies", company.Reference!.EntitySet);
        var row = company.Reference.CreateInstance();
        company.Reference.Properties.Single(p => p.Name == "cdm_companycode").SetValue(row, "usmf");
        company.Set(account, row);
        Assert.Equal("usmf", account.msdyn_company?.cdm_companycode);

        var hold = CustomersMap.Definition.Fo.Find("OnHoldStatus")!;
        Assert.Equal(typeof(Fo.CustVendorBlocked), hold.ClrType);
        Assert.Equal("Microsoft.Dynamics.DataEntities.CustVendorBlocked", hold.EdmType);
    }

    [Fact]
    public void A_map_over_Contosos_own_classes_describes_them_by_schema_name()
    {
        IDualWriteMap map = CurrenciesMap.Definition;
        Assert.Equal(typeof(Currency), map.Fo.ClrType);
        Assert.Equal(typeof(TransactionCurrency), map.Dataverse.ClrType);
        Assert.Equal("transactioncurrencies", map.Dataverse.EntitySet);
        Assert.Equal(new[] { new KeyPath("isocurrencycode") }, map.DataverseKeyPaths);

        var row = CurrenciesMap.Definition.Dataverse.Create();
        CurrenciesMap.Definition.Dataverse.Find("isocurrencycode")!.Set(row, "EUR");
        Assert.Equal("EUR", row.IsoCode);

        var currency = new Currency { CurrencyCode = "USD", Name = "US dollar", Symbol = "$" };
        CurrenciesMap.ToDataverse(currency, row);
        Assert.Equal(("USD", "US dollar", "$"), (row.IsoCode, row.Name, row.Symbol));
        Assert.Equal(CurrenciesMap.Definition.GetFoKey(currency), CurrenciesMap.Definition.GetDataverseKey(row));
    }

    [Fact]
    public void Keys_of_both_sides_of_one_record_are_equal()
    {
        var map = CustomersMap.Definition;
        var customer = new Fo.CustomerV3 { dataAreaId = "USMF", CustomerAccount = "US0042" };
        var account = map.Dataverse.Create();
        map.ToDataverse(customer, account);
        Assert.Equal(map.GetFoKey(customer), map.GetDataverseKey(account));
        Assert.Equal("USMF", map.GetFoKey(customer).Company);
        Assert.Equal("USMF|US0042", map.GetFoKey(customer).ToString());
        Assert.True(map.GetFoKey(customer).IsComplete);
        Assert.False(map.GetFoKey(new Fo.CustomerV3 { dataAreaId = "usmf" }).IsComplete);
    }

    [Fact]
    public void A_visitor_gets_the_maps_entity_types()
    {
        var names = DualWriteMaps.All.Select(m => m.Accept(new TypeNames())).ToList();
        Assert.Contains("ProductV2 -> Msdyn_globalproduct", names);
        Assert.Equal(DualWriteMaps.InitialSyncOrder.Count, names.Count);
    }

    [Fact]
    public void One_way_map_refuses_the_other_direction()
    {
        var map = ProductsMap.Definition;
        var error = Assert.Throws<NotSupportedException>(() => map.ToFo(new Dataverse.Msdyn_globalproduct(), new Fo.ProductV2()));
        Assert.Contains("Products", error.Message);
    }

    [Fact]
    public void Number_sequences_are_listed_with_their_map()
    {
        var sequence = DualWriteMaps.NumberSequences.Single(s => s.MapName == "Customers");
        Assert.Equal("CustomerAccount", sequence.Field);
        Assert.False(sequence.MayCreateOn(Side.Dataverse, "US0042"));
        Assert.True(sequence.MayCreateOn(Side.Fo, "US0042"));
    }

    private sealed class TypeNames : IDualWriteMapVisitor<string>
    {
        public string Visit<TFo, TDataverse>(IDualWriteMap<TFo, TDataverse> map)
            where TFo : class
            where TDataverse : class => typeof(TFo).Name + " -> " + typeof(TDataverse).Name;
    }
}
