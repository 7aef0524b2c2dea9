using System;
using System.Linq;
using DualWrite.Generator.Schema;
using static DualWrite.Generator.Tests.Schema.SchemaFiles;

namespace DualWrite.Generator.Tests.Schema;

/// <summary>Name lookups over the schemas, as DSL.md §4 has them: F&amp;O ignores case, Dataverse does not.</summary>
public sealed class SchemaIndexTests
{
    private static readonly SchemaIndex Fo = SchemaIndex.ForFo(ReadSchema(FoSample));
    private static readonly SchemaIndex Dataverse = SchemaIndex.ForDataverse(ReadSchema(DataverseSample));

    private static readonly SchemaModel Inheritance = Parse("""
        <Schema Namespace="Ns" Alias="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
          <EntityType Name="Party" Abstract="true">
            <Key><PropertyRef Name="PartyId" /></Key>
            <Property Name="PartyId" Type="Edm.Guid" Nullable="false" />
            <Property Name="Name" Type="Edm.String" />
            <NavigationProperty Name="Owner" Type="n.Party" />
            <Annotation Term="OData.Community.Keys.V1.AlternateKeys">
              <Collection><Record><PropertyValue Property="Key"><Collection>
                <Record><PropertyValue Property="Name" PropertyPath="Name" /></Record>
              </Collection></PropertyValue></Record></Collection>
            </Annotation>
          </EntityType>
          <EntityType Name="Person" BaseType="n.Party">
            <Property Name="Name" Type="Edm.String" MaxLength="50" />
            <Property Name="BirthDate" Type="Edm.Date" />
            <Annotation Term="OData.Community.Keys.V1.AlternateKeys">
              <Collection>
                <Record><PropertyValue Property="Key"><Collection>
                  <Record><PropertyValue Property="Name" PropertyPath="Name" /></Record>
                </Collection></PropertyValue></Record>
                <Record><PropertyValue Property="Key"><Collection>
                  <Record><PropertyValue Property="Name" PropertyPath="Name" /></Record>
                  <Record><PropertyValue Property="Name" PropertyPath="BirthDate" /></Record>
                </Collection></PropertyValue></Record>
              </Collection>
            </Annotation>
          </EntityType>
          <EntityType Name="Loop1" BaseType="n.Loop2" />
          <EntityType Name="Loop2" BaseType="n.Loop1" />
          <EntityContainer Name="C">
            <EntitySet Name="People" EntityType="Ns.Person" />
            <EntitySet Name="Persons" EntityType="Ns.Person" />
          </EntityContainer>
        </Schema>
        """);

    [Fact]
    public void Fo_names_match_ignoring_case()
    {
        var set = Assert.IsType<EntitySetInfo>(Fo.FindEntitySet("customersv3"));
        Assert.Equal("CustomersV3", set.Name);
        var customer = Assert.IsType<EntityTypeInfo>(Fo.EntityTypeOf(set));
        Assert.Equal("CustomerV3", customer.Name);

        Assert.Equal("CustomerAccount", Fo.FindProperty(customer, "CUSTOMERACCOUNT")?.Name);
        Assert.Equal("dataAreaId", Fo.FindProperty(customer, "DataAreaId")?.Name);
        Assert.Equal("CustomerGroup", Fo.FindNavigationProperty(customer, "customergroup")?.Name);
        Assert.Equal(new[] { "dataAreaId", "CustomerAccount" }, Fo.KeyOf(customer));
        Assert.Null(Fo.FindProperty(customer, "CustomerAccountX"));
        Assert.True(Fo.IgnoreCase);
        Assert.True(Fo.NameComparer.Equals("productname", "PRODUCTNAME"));
    }

    [Fact]
    public void Fo_enums_by_full_or_short_name()
    {
        Assert.Equal("Microsoft.Dynamics.DataEntities.NoYes", Fo.FindEnumType("noyes")?.FullName);
        Assert.Equal("CustVendorBlocked", Fo.FindEnumType("Microsoft.Dynamics.DataEntities.CustVendorBlocked")?.Name);
        Assert.Null(Fo.FindEnumType("microsoft.dynamics.dataentities.noyes"));
        var customer = Fo.FindEntityType("Microsoft.Dynamics.DataEntities.CustomerV3")!;
        Assert.Equal("CustVendorBlocked", Fo.FindEnumType(Fo.FindProperty(customer, "onholdstatus")!.TypeName)?.Name);
    }

    [Fact]
    public void Dataverse_names_match_exactly()
    {
        Assert.NotNull(Dataverse.FindEntitySet("accounts"));
        Assert.Null(Dataverse.FindEntitySet("Accounts"));
        var account = Dataverse.EntityTypeOf(Dataverse.FindEntitySet("accounts")!)!;
        Assert.NotNull(Dataverse.FindProperty(account, "accountnumber"));
        Assert.Null(Dataverse.FindProperty(account, "AccountNumber"));
        Assert.NotNull(Dataverse.FindNavigationProperty(account, "msdyn_customergroupid"));
        Assert.Null(Dataverse.FindNavigationProperty(account, "msdyn_CustomerGroupId"));
        Assert.False(Dataverse.IgnoreCase);
        Assert.Null(Dataverse.FindEntityType("mscrm.account"));
    }

    [Fact]
    public void Dataverse_members_inherited_from_crmbaseentity_and_the_tables_own_keys()
    {
        var contact = Dataverse.FindEntityType("Microsoft.Dynamics.CRM.contact")!;
        Assert.Equal(new[] { "contact", "crmbaseentity" }, Dataverse.SelfAndBaseTypes(contact).Select(t => t.Name));
        Assert.Equal(new[] { "contactid" }, Dataverse.KeyOf(contact));
        Assert.Equal(
            new[] { new AlternateKeyInfo("msdyn_contactpersonid,_msdyn_company_value", Names("msdyn_contactpersonid", "_msdyn_company_value")) },
            Dataverse.AlternateKeysOf(contact));
    }

    [Fact]
    public void Polymorphic_lookup_targets_by_table_name_ignoring_case()
    {
        var contact = Dataverse.FindEntityType("Microsoft.Dynamics.CRM.contact")!;
        var target = Dataverse.FindEntityType(Dataverse.FindNavigationProperty(contact, "parentcustomerid_account")!.TargetTypeFullName)!;
        Assert.Same(target, Dataverse.FindEntityTypeByName("Account"));
        Assert.Equal("accounts", Dataverse.EntitySetOf(target)?.Name);
        Assert.Null(Dataverse.EntitySetOf(Dataverse.FindEntityType("Microsoft.Dynamics.CRM.crmbaseentity")!));
    }

    [Fact]
    public void Lookup_to_a_table_no_sample_map_syncs()
    {
        var account = Dataverse.FindEntityType("Microsoft.Dynamics.CRM.account")!;
        var currency = Dataverse.FindEntityType(Dataverse.FindNavigationProperty(account, "transactioncurrencyid")!.TargetTypeFullName)!;
        Assert.Equal("transactioncurrencies", Dataverse.EntitySetOf(currency)?.Name);
        Assert.Equal("isocurrencycode", Assert.Single(Dataverse.AlternateKeysOf(currency)).Name);
    }

    [Fact]
    public void Members_and_keys_through_base_types()
    {
        var index = SchemaIndex.ForDataverse(Inheritance);
        var person = index.FindEntityType("Ns.Person")!;

        Assert.Equal(new[] { "PartyId" }, index.KeyOf(person));
        Assert.Equal("Edm.Guid", index.FindProperty(person, "PartyId")?.TypeName);
        Assert.Equal(50, index.FindProperty(person, "Name")?.MaxLength);
        Assert.Equal("Ns.Party", index.FindNavigationProperty(person, "Owner")?.TargetTypeFullName);
        Assert.Equal(
            new[] { new AlternateKeyInfo("Name", Names("Name")), new AlternateKeyInfo("Name,BirthDate", Names("Name", "BirthDate")) },
            index.AlternateKeysOf(person));
        Assert.Equal("People", index.EntitySetOf(person)?.Name);
    }

    [Fact]
    public void A_base_type_cycle_ends()
    {
        var index = SchemaIndex.ForDataverse(Inheritance);
        var loop = index.FindEntityType("Ns.Loop1")!;
        Assert.Equal(new[] { "Loop1", "Loop2" }, index.SelfAndBaseTypes(loop).Select(t => t.Name));
        Assert.Null(index.FindProperty(loop, "Anything"));
        Assert.Empty(index.KeyOf(loop));
    }

    [Fact]
    public void A_key_restated_on_every_metadata_type_is_one_candidate()
    {
        var index = SchemaIndex.ForDataverse(ReadSchema(Corpus("crm_schema.xml")));
        var picklist = index.FindEntityType("Microsoft.Dynamics.CRM.PicklistAttributeMetadata")!;
        Assert.True(index.SelfAndBaseTypes(picklist).Count() > 2);
        Assert.Equal(new[] { new AlternateKeyInfo("LogicalName", Names("LogicalName")) }, index.AlternateKeysOf(picklist));
        Assert.Equal(new[] { "MetadataId" }, index.KeyOf(picklist));
        Assert.Equal(StringComparer.Ordinal, index.NameComparer);
    }
}
