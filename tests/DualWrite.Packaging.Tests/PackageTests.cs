using System;
using System.IO;
using DualWrite.Packaging.Tests.Infrastructure;

namespace DualWrite.Packaging.Tests;

/// <summary>
/// The compiler as users get it: a fresh project that references only the DualWrite.Compiler package builds its maps
/// (with Sprache loaded beside the generator, and .dwmap and schema files picked up by convention), and a broken map
/// fails that build with the diagnostic.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageTests(PackedFeed feed)
{
    [Fact]
    public void Packed_generator_builds_a_consuming_project()
    {
        var root = Repository.Root;
        var consumer = Path.Combine(feed.Work, "Consumer");
        CopyDirectory(Path.Combine(root, "dsl-samples", "Contoso.Integration", "maps"), Path.Combine(consumer, "maps"));
        CopyDirectory(Path.Combine(root, "dsl-samples", "Contoso.Integration", "schemas"), Path.Combine(consumer, "schemas"));
        CopyDirectory(Path.Combine(root, "dsl-samples", "Contoso.Integration", "Entities"), Path.Combine(consumer, "Entities"));
        File.Copy(Path.Combine(root, "dsl-samples", "Contoso.Integration", "Text.cs"), Path.Combine(consumer, "Text.cs"));
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DualWrite.Compiler" Version="{feed.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            var account = new Contoso.Integration.Dataverse.Account();
            Contoso.Integration.CustomersMap.ToDataverse(new Contoso.Integration.Fo.CustomerV3 { CustomerAccount = "US0001", AddressCity = "OSLO" }, account);
            System.Console.WriteLine(account.accountnumber + " " + account.address1_city + " " + string.Join(",", Contoso.Integration.DualWriteMaps.InitialSyncOrder));
            var currency = new Contoso.Integration.TransactionCurrency();
            Contoso.Integration.CurrenciesMap.ToDataverse(new Contoso.Integration.Currency { CurrencyCode = "EUR", Name = "Euro" }, currency);
            System.Console.WriteLine("currency " + currency.IsoCode + " " + currency.Name);
            """);

        Command.Run(consumer, "dotnet", "build -c Release", environment: feed.Environment);
        var output = Command.Run(consumer, "dotnet", "run -c Release --no-build", environment: feed.Environment);
        Assert.Contains("US0001 Oslo ", output);
        Assert.Contains("CustomerGroups,Customers", output);
        Assert.Contains("currency EUR Euro", output);

        // The sample maps vendor groups with attributes (maps/VendorGroupsMap.cs): the packaged generator reads
        // them too, and reports their problems in the C# file, at the argument.
        File.AppendAllText(Path.Combine(consumer, "maps", "customers.dwmap"), "\nmap Broken : fo NoSuchEntity <-> dataverse accounts { }\n");
        File.WriteAllText(Path.Combine(consumer, "maps", "VendorGroupsMap.cs"), File.ReadAllText(Path.Combine(consumer, "maps", "VendorGroupsMap.cs")).Replace("[Field(\"Description\"", "[Field(\"Descriptio\"", StringComparison.Ordinal));
        var failure = Command.Run(consumer, "dotnet", "build -c Release", expectSuccess: false, environment: feed.Environment);
        Assert.Contains("error DW0002", failure);
        Assert.Contains("VendorGroupsMap.cs(20,8): error DW0003", failure);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
