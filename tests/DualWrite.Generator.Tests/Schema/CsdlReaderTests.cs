using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using static DualWrite.Generator.Tests.Schema.SchemaFiles;

namespace DualWrite.Generator.Tests.Schema;

/// <summary>CSDL shapes the real documents may take beyond the samples and the corpus.</summary>
public sealed class CsdlReaderTests
{
    private const string Edm = "http://docs.oasis-open.org/odata/ns/edm";

    [Fact]
    public void Bare_schema_root()
    {
        var model = Parse($"""
            <Schema Namespace="Ns" xmlns="{Edm}">
              <EntityType Name="T">
                <Key><PropertyRef Name="Id" /></Key>
                <Property Name="Id" Type="Edm.Int64" Nullable="false" />
              </EntityType>
              <EntityContainer Name="C">
                <EntitySet Name="Ts" EntityType="Ns.T" />
              </EntityContainer>
            </Schema>
            """);

        Assert.Equal(new[] { new EntitySetInfo("Ts", "Ns.T") }, model.EntitySets);
        Assert.Equal(new[] { "Id" }, model.EntityType("T").Key);
        Assert.Equal("test.xml", model.Path);
    }

    [Fact]
    public void Several_schemas_with_an_alias_used_before_it_is_declared()
    {
        var model = Parse(Edmx("""
            <Schema Namespace="First" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="Order" BaseType="sec.Document">
                <Property Name="Lines" Type="Collection(sec.Line)" />
                <NavigationProperty Name="Customer" Type="sec.Customer" />
                <NavigationProperty Name="Related" Type="Collection(sec.Customer)" />
              </EntityType>
              <EntityContainer Name="C">
                <EntitySet Name="Orders" EntityType="First.Order" />
                <EntitySet Name="Customers" EntityType="sec.Customer" />
              </EntityContainer>
            </Schema>
            <Schema Namespace="Second.Types" Alias="sec" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="Document" Abstract="true">
                <Key><PropertyRef Name="Id" /></Key>
                <Property Name="Id" Type="Edm.Guid" Nullable="false" />
              </EntityType>
              <EntityType Name="Customer" />
              <EnumType Name="Line" />
            </Schema>
            """));

        Assert.Equal(new[] { "First.Order", "Second.Types.Document", "Second.Types.Customer" }, model.EntityTypes.Select(t => t.FullName));
        var order = model.EntityType("Order");
        Assert.Equal("Second.Types.Document", order.BaseTypeFullName);
        Assert.Equal(new PropertyInfo("Lines", "Second.Types.Line", true, true, null, null, null, false, false), order.Property("Lines"));
        Assert.Equal(new NavigationPropertyInfo("Customer", "Second.Types.Customer", false, null, default), order.Navigation("Customer"));
        Assert.True(order.Navigation("Related").IsCollection);
        Assert.Equal("Second.Types.Customer", model.EntitySets[1].EntityTypeFullName);
        Assert.True(model.EntityType("Document").IsAbstract);
        Assert.Equal("Second.Types.Line", model.EnumTypes.Single().FullName);
    }

    [Fact]
    public void Enum_values_default_to_positions_and_underlying_type_to_int32()
    {
        var model = Parse(Edmx("""
            <Schema Namespace="Ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EnumType Name="Color">
                <Member Name="Red" />
                <Member Name="Green" />
                <Member Name="Blue" />
              </EnumType>
              <EnumType Name="Access" UnderlyingType="Edm.Int64" IsFlags="true">
                <Member Name="None" Value="0" />
                <Member Name="All" Value="-1" />
                <Member Name="Huge" Value="4294967296" />
              </EnumType>
            </Schema>
            """));

        Assert.Equal(
            new EnumTypeInfo("Ns", "Color", "Edm.Int32", false, EquatableArrayOf(new EnumMemberInfo("Red", 0), new EnumMemberInfo("Green", 1), new EnumMemberInfo("Blue", 2))),
            model.EnumTypes[0]);
        Assert.Equal(
            new EnumTypeInfo("Ns", "Access", "Edm.Int64", true, EquatableArrayOf(new EnumMemberInfo("None", 0), new EnumMemberInfo("All", -1), new EnumMemberInfo("Huge", 4294967296))),
            model.EnumTypes[1]);
    }

    [Fact]
    public void Property_facets()
    {
        var type = Parse(Edmx("""
            <Schema Namespace="Ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="T">
                <Property Name="Plain" Type="Edm.String" />
                <Property Name="Max" Type="Edm.String" MaxLength="max" Nullable="false" />
                <Property Name="Sized" Type="Edm.String" MaxLength="60" Nullable="true" />
                <Property Name="Amount" Type="Edm.Decimal" Precision="32" Scale="6" />
                <Property Name="Floating" Type="Edm.Decimal" Scale="floating" />
                <Property Name="Stamp" Type="Edm.DateTimeOffset" Precision="0" />
                <Property Name="Tags" Type="Collection(Edm.String)" />
              </EntityType>
            </Schema>
            """)).EntityType("T");

        Assert.Equal(
            new[]
            {
                new PropertyInfo("Plain", "Edm.String", false, true, null, null, null, false, false),
                new PropertyInfo("Max", "Edm.String", false, false, null, null, null, false, false),
                new PropertyInfo("Sized", "Edm.String", false, true, 60, null, null, false, false),
                new PropertyInfo("Amount", "Edm.Decimal", false, true, null, 32, 6, false, false),
                new PropertyInfo("Floating", "Edm.Decimal", false, true, null, null, null, false, false),
                new PropertyInfo("Stamp", "Edm.DateTimeOffset", false, true, null, 0, null, false, false),
                new PropertyInfo("Tags", "Edm.String", true, true, null, null, null, false, false),
            },
            type.Properties);
    }

    [Fact]
    public void Core_annotations_in_every_spelling()
    {
        var type = Parse(Edmx("""
            <Schema Namespace="Ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="T">
                <Property Name="FullName" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Computed" Bool="true" /></Property>
                <Property Name="AliasDefault" Type="Edm.String"><Annotation Term="Core.Computed" /></Property>
                <Property Name="ElementBool" Type="Edm.String"><Annotation Term="Core.Computed"><Bool>true</Bool></Annotation></Property>
                <Property Name="NotComputed" Type="Edm.String"><Annotation Term="Core.Computed" Bool="false" /></Property>
                <Property Name="Immutable" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Immutable" Bool="true" /></Property>
                <Property Name="ReadAttribute" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Permissions" EnumMember="Org.OData.Core.V1.Permission/Read" /></Property>
                <Property Name="ReadElement" Type="Edm.String">
                  <Annotation Term="Core.Permissions"><EnumMember>Org.OData.Core.V1.PermissionType/Read</EnumMember></Annotation>
                </Property>
                <Property Name="ReadWrite" Type="Edm.String"><Annotation Term="Core.Permissions" EnumMember="Core.Permission/Read Core.Permission/Write" /></Property>
                <Property Name="Described" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="Computed" /></Property>
                <Property Name="Qualified" Type="Edm.String"><Annotation Term="Core.Computed" Qualifier="Mobile" /></Property>
              </EntityType>
            </Schema>
            """)).EntityType("T");

        Assert.Equal(
            new[]
            {
                ("FullName", true, false), ("AliasDefault", true, false), ("ElementBool", true, false), ("NotComputed", false, false),
                ("Immutable", false, false), ("ReadAttribute", false, true), ("ReadElement", false, true), ("ReadWrite", false, false),
                ("Described", false, false), ("Qualified", true, false),
            },
            type.Properties.Select(p => (p.Name, p.IsComputed, p.IsReadOnly)));
        Assert.Equal(new[] { "Immutable" }, type.Properties.Where(p => p.IsImmutable).Select(p => p.Name));
    }

    [Fact]
    public void Out_of_line_annotations_apply_to_types_and_properties_declared_anywhere()
    {
        var model = Parse(Edmx("""
            <Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <Annotations Target="mscrm.account">
                <Annotation Term="Keys.AlternateKeys">
                  <Collection>
                    <Record>
                      <PropertyValue Property="Key">
                        <Collection>
                          <Record>
                            <PropertyValue Property="Alias" String="number" />
                            <PropertyValue Property="Name"><PropertyPath>accountnumber</PropertyPath></PropertyValue>
                          </Record>
                        </Collection>
                      </PropertyValue>
                    </Record>
                  </Collection>
                </Annotation>
              </Annotations>
              <Annotations Target="Microsoft.Dynamics.CRM.account/name">
                <Annotation Term="Org.OData.Core.V1.Computed" />
              </Annotations>
              <Annotations Target="mscrm.unknown/name">
                <Annotation Term="Org.OData.Core.V1.Computed" />
              </Annotations>
              <EntityType Name="account">
                <Key><PropertyRef Name="accountid" /></Key>
                <Property Name="accountid" Type="Edm.Guid" Nullable="false" />
                <Property Name="accountnumber" Type="Edm.String" />
                <Property Name="name" Type="Edm.String" />
                <Annotation Term="OData.Community.Keys.V1.AlternateKeys">
                  <Collection>
                    <Record Type="OData.Community.Keys.V1.AlternateKey">
                      <PropertyValue Property="Key">
                        <Collection>
                          <Record Type="OData.Community.Keys.V1.PropertyRef">
                            <PropertyValue Property="Alias" String="name" />
                            <PropertyValue Property="Name" PropertyPath="name" />
                          </Record>
                        </Collection>
                      </PropertyValue>
                    </Record>
                    <Record Type="OData.Community.Keys.V1.AlternateKey">
                      <PropertyValue Property="Name" String="ak_number" />
                      <PropertyValue Property="Key">
                        <Collection>
                          <Record Type="OData.Community.Keys.V1.PropertyRef">
                            <PropertyValue Property="Name" PropertyPath="accountnumber" />
                          </Record>
                          <Record Type="OData.Community.Keys.V1.PropertyRef">
                            <PropertyValue Property="Name" PropertyPath="name" />
                          </Record>
                        </Collection>
                      </PropertyValue>
                    </Record>
                  </Collection>
                </Annotation>
              </EntityType>
            </Schema>
            """, "Keys", "OData.Community.Keys.V1"));

        var account = model.EntityType("account");
        Assert.Equal(
            new[]
            {
                new AlternateKeyInfo("name", Names("name")),
                new AlternateKeyInfo("ak_number", Names("accountnumber", "name")),
                new AlternateKeyInfo("accountnumber", Names("accountnumber")),
            },
            account.AlternateKeys);
        Assert.True(account.Property("name").IsComputed);
        Assert.False(account.Property("accountnumber").IsComputed);
    }

    [Fact]
    public void Alternate_keys_on_an_entity_set_belong_to_its_type()
    {
        var model = Parse(Edmx("""
            <Schema Namespace="Ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="T"><Property Name="Code" Type="Edm.String" /></EntityType>
              <EntityContainer Name="C">
                <EntitySet Name="Ts" EntityType="Ns.T">
                  <NavigationPropertyBinding Path="x" Target="Ts" />
                  <Annotation Term="OData.Community.Keys.V1.AlternateKeys">
                    <Collection><Record><PropertyValue Property="Key"><Collection>
                      <Record><PropertyValue Property="Name" PropertyPath="Code" /></Record>
                    </Collection></PropertyValue></Record></Collection>
                  </Annotation>
                </EntitySet>
              </EntityContainer>
            </Schema>
            """));

        Assert.Equal(new[] { new AlternateKeyInfo("Code", Names("Code")) }, model.EntityType("T").AlternateKeys);
    }

    [Fact]
    public void Type_definitions_resolve_to_their_underlying_type()
    {
        var type = Parse(Edmx("""
            <Schema Namespace="Ns" Alias="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="T">
                <Property Name="Code" Type="n.AccountNum" MaxLength="20" />
                <Property Name="Codes" Type="Collection(Ns.AccountNum)" />
              </EntityType>
              <TypeDefinition Name="AccountNum" UnderlyingType="Edm.String" />
            </Schema>
            """)).EntityType("T");

        Assert.Equal(new PropertyInfo("Code", "Edm.String", false, true, 20, null, null, false, false), type.Property("Code"));
        Assert.Equal(("Edm.String", true), (type.Property("Codes").TypeName, type.Property("Codes").IsCollection));
    }

    [Fact]
    public void Elements_of_other_namespaces_and_unknown_elements_are_passed_over()
    {
        var model = Parse(Edmx("""
            <Schema Namespace="Ns" xmlns="http://docs.oasis-open.org/odata/ns/edm" xmlns:x="urn:extension">
              <x:EntityType Name="Foreign"><Property Name="P" Type="Edm.String" /></x:EntityType>
              <ComplexType Name="Address"><Property Name="City" Type="Edm.String" /></ComplexType>
              <Function Name="F"><Parameter Name="p" Type="Edm.String" /><ReturnType Type="Ns.Address" /></Function>
              <Term Name="Flag" Type="Edm.Boolean" />
              <EntityType Name="T">
                <x:Property Name="Ignored" Type="Edm.String" />
                <!-- a comment -->
                <Property Name="P" Type="Edm.String"><![CDATA[ignored]]></Property>
              </EntityType>
            </Schema>
            """));

        Assert.Equal(new[] { "T" }, model.EntityTypes.Select(t => t.Name));
        Assert.Equal(new[] { "P" }, model.EntityType("T").Properties.Select(p => p.Name));
    }

    private static string Edmx(string schemas, string alias = "Core", string ns = "Org.OData.Core.V1") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:Reference Uri="https://example.org/{ns}.xml">
            <edmx:Include Namespace="{ns}" Alias="{alias}" />
          </edmx:Reference>
          <edmx:DataServices>
        {schemas}
          </edmx:DataServices>
        </edmx:Edmx>
        """;

    private static EquatableArray<EnumMemberInfo> EquatableArrayOf(params EnumMemberInfo[] items) => EquatableArray.Create(items);
}
