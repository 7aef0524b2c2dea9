using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contoso.Integration.Host;

/// <summary>
/// <c>--endpoints local-odata</c>: the Contoso maps live between an F&amp;O-like and a Dataverse-like OData service on
/// loopback, through the same connectors a host points at real environments (service URL, token provider, journal),
/// run by the Generic Host as <c>AddDualWrite</c> runs them: <c>options.UseFo</c>/<c>UseDataverse</c> open the connectors.
/// </summary>
internal static class LocalODataSample
{
    // The sample's F&O entities expose the modified time F&O maintains; the connector polls it for changes.
    private const string ModifiedField = "ModifiedDateTime1";
    private static readonly string[] Linked = ["USMF", "DEMF"];

    public static async Task<int> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var folder = SampleHost.FreshFolder("dualwrite-sample-odata");
        Directory.CreateDirectory(folder);
        var schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        var foSchema = Path.Combine(schemas, "fo.metadata.xml");
        var dataverseSchema = Path.Combine(schemas, "dataverse.metadata.xml");
        var token = Guid.NewGuid().ToString("N");

        await using var services = await LocalODataServices.StartAsync(foSchema, dataverseSchema, token, folder);
        Console.WriteLine($"F&O-like service:       {services.Fo.ServiceRoot}");
        Console.WriteLine($"Dataverse-like service: {services.Dataverse.ServiceRoot}");

        // The host's preflight checks that every linked company is a legal entity in F&O, as it must be in a real one.
        foreach (var company in Linked)
        {
            services.Fo.Organization.AddLegalEntity(company);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true).AddFilter("DualWrite", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddDualWrite(options =>
        {
            options.UseFo(provider => FoEnvironment.Open(FoOptions(services.Fo.ServiceRoot, foSchema, folder, token, provider.GetRequiredService<ILoggerFactory>())));
            options.UseDataverse(provider => DataverseEnvironment.Open(new DataverseConnectorOptions
            {
                ServiceRoot = services.Dataverse.ServiceRoot,
                SchemaPath = dataverseSchema,
                JournalPath = Path.Combine(folder, "dataverse-journal.db"),
                Tokens = new StaticTokenProvider(token),
                LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
                TrackedEntitySets = DualWriteMaps.All.Select(m => m.Dataverse.EntitySet!).Distinct().ToList(),
            }));
            options.StatePath = Path.Combine(folder, "state.db");
            foreach (var company in Linked)
            {
                options.Companies.Add(company);
            }

            options.PollInterval = TimeSpan.FromMilliseconds(200);
            options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
        });

        using var host = builder.Build();

        // Linked before the host starts its loop, so the whole seed reaches the loop's first pass as changes after the link.
        // Seeded while the loop runs, a vendor could reach the Vendors map in a pass whose VendorGroups map read before its
        // group was written, and wait in the error list.
        var runtime = host.Services.GetRequiredService<DualWriteRuntime>();
        await runtime.LinkAsync(Linked);
        Console.WriteLine($"Linked {string.Join(" and ", Linked)} over OData; journals and state in {folder}");

        await SeedAsync(services.Fo);
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0}s] Seeded F&O through its OData service: groups, 40 customers, 10 vendors and 10 contacts per company, 20 products.");
        await host.StartAsync();

        await WaitAsync(
            () => services.Dataverse.Rows("accounts").Count == 80 && services.Dataverse.Rows("contacts").Count == 20
                && services.Dataverse.Rows("msdyn_vendors").Count == 20 && services.Dataverse.Rows("msdyn_globalproducts").Count == 20,
            "the seeded records to Dataverse");
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0}s] The live loop synced them to Dataverse: {Counts(services.Dataverse, "msdyn_customergroups", "accounts", "msdyn_vendors", "contacts", "msdyn_globalproducts")}.");

        foreach (var account in services.Dataverse.Rows("accounts").Take(5))
        {
            await services.Dataverse.UpdateAsync("accounts", new Dictionary<string, object?> { ["accountid"] = account["accountid"] }, new Dictionary<string, object?> { ["name"] = account["name"] + " (renamed in Dataverse)" });
        }

        await WaitAsync(() => services.Fo.Rows("CustomersV3").Count(c => ((string?)c["OrganizationName"])?.EndsWith("(renamed in Dataverse)", StringComparison.Ordinal) == true) == 5, "the renamed customers in F&O");
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0}s] Renamed 5 accounts in Dataverse; the loop wrote them to F&O.");

        await host.StopAsync();
        Console.WriteLine($"Errors waiting: {runtime.GetErrors().Count}. F&O: {Counts(services.Fo, "CustomerGroups", "CustomersV3", "VendorsV2", "ContactPersonsV2", "ProductsV2")}.");
        Console.WriteLine($"Requests: F&O {services.Fo.Requests.Entries.Count}, Dataverse {services.Dataverse.Requests.Entries.Count}. Done in {clock.Elapsed.TotalSeconds:0.0}s.");
        return 0;
    }

    private static FoConnectorOptions FoOptions(Uri serviceRoot, string schema, string folder, string token, ILoggerFactory loggers)
    {
        var options = new FoConnectorOptions
        {
            ServiceRoot = serviceRoot,
            SchemaPath = schema,
            JournalPath = Path.Combine(folder, "fo-journal.db"),
            Tokens = new StaticTokenProvider(token),
            LoggerFactory = loggers,
            PollOverlap = TimeSpan.FromSeconds(5),
            DetectDeletes = true,
        };
        foreach (var map in DualWriteMaps.All)
        {
            options.ModifiedFields[map.Fo.EntitySet!] = ModifiedField;
        }

        return options;
    }

    private static async Task SeedAsync(LocalODataService fo)
    {
        foreach (var company in Linked)
        {
            await fo.InsertAsync("CustomerGroups", Row(("dataAreaId", company), ("CustomerGroupId", "30"), ("Description", "Wholesale")));
            await fo.InsertAsync("VendorGroups", Row(("dataAreaId", company), ("VendorGroupId", "V10"), ("Description", "Suppliers")));
            for (var i = 1; i <= 40; i++)
            {
                var account = $"US{i:D4}";
                await fo.InsertAsync("CustomersV3", Row(("dataAreaId", company), ("CustomerAccount", account), ("OrganizationName", $"Customer {i} {company}"),
                    ("PartyType", "Organization"), ("CustomerGroupId", "30"), ("CreditLimit", 1000m * i), ("PaymentTerms", i % 2 == 0 ? "Net30" : "Net60"),
                    ("AddressCity", "seattle"), ("OnHoldStatus", "No")));
                if (i <= 10)
                {
                    await fo.InsertAsync("VendorsV2", Row(("dataAreaId", company), ("VendorAccountNumber", $"F{i:D4}"), ("VendorOrganizationName", $"Vendor {i}"),
                        ("VendorGroupId", "V10"), ("CreditLimit", 500m * i), ("IsOneTimeVendor", "No"), ("OnHoldStatus", "No"),
                        ("VendorHoldReleaseDate", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), ("VendorPartyType", "Organization")));
                    await fo.InsertAsync("ContactPersonsV2", Row(("dataAreaId", company), ("ContactPersonId", $"CP{i:D3}"), ("FirstName", "Ana"), ("LastName", $"Contact {i}"),
                        ("IsReceivingDirectMail", "Yes"), ("AssociatedContactType", "Customer"), ("AssociatedContactNumber", account)));
                }
            }
        }

        for (var i = 1; i <= 20; i++)
        {
            await fo.InsertAsync("ProductsV2", Row(("ProductNumber", $"P-{i:D3}"), ("ProductName", $"Product {i}"), ("ProductType", "Item"), ("ProductSubType", "Product"), ("IsCatchWeightProduct", "No")));
        }
    }

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The live loop did not bring {what} within two minutes.");
            }

            await Task.Delay(200);
        }
    }

    private static string Counts(LocalODataService service, params string[] sets) =>
        string.Join(", ", sets.Select(s => $"{service.Rows(s).Count} {s}"));

    private static Dictionary<string, object?> Row(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);
}
