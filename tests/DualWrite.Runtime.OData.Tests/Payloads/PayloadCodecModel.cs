using System;
using System.IO;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>A schema with every EDM type the connectors read and write, for the payload agreement tests.</summary>
internal static class PayloadCodecModel
{
    public const string Namespace = "Microsoft.Dynamics.DataEntities";

    public static readonly Uri Root = new("https://contoso.operations.dynamics.com/data/");

    public static IEdmModel Model { get; } = Load();

    public static IEdmEntitySet Set => Model.EntityContainer.FindEntitySet("Samples");

    public static IEdmEntityType Type => Set.EntityType;

    private static IEdmModel Load()
    {
        const string csdl = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="Microsoft.Dynamics.DataEntities" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EnumType Name="NoYes"><Member Name="No" Value="0" /><Member Name="Yes" Value="1" /></EnumType>
                  <EntityType Name="Sample">
                    <Key><PropertyRef Name="Id" /></Key>
                    <Property Name="Id" Type="Edm.Guid" Nullable="false" />
                    <Property Name="Name" Type="Edm.String" />
                    <Property Name="Count" Type="Edm.Int32" />
                    <Property Name="Big" Type="Edm.Int64" />
                    <Property Name="Amount" Type="Edm.Decimal" Scale="Variable" />
                    <Property Name="Ratio" Type="Edm.Double" />
                    <Property Name="Flag" Type="Edm.Boolean" />
                    <Property Name="At" Type="Edm.DateTimeOffset" />
                    <Property Name="Day" Type="Edm.Date" />
                    <Property Name="Blocked" Type="Microsoft.Dynamics.DataEntities.NoYes" />
                    <Property Name="_parent_value" Type="Edm.Guid" />
                    <NavigationProperty Name="Parent" Type="Microsoft.Dynamics.DataEntities.Sample" />
                  </EntityType>
                  <EntityContainer Name="Container">
                    <EntitySet Name="Samples" EntityType="Microsoft.Dynamics.DataEntities.Sample">
                      <NavigationPropertyBinding Path="Parent" Target="Samples" />
                    </EntitySet>
                  </EntityContainer>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;
        using var reader = XmlReader.Create(new StringReader(csdl));
        return CsdlReader.Parse(reader);
    }
}
