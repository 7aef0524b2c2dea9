using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using Contoso.Integration.Host;
using DualWrite;
using DualWrite.Runtime;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

if (args is ["--endpoints", "local-odata", ..])
{
    return await LocalODataSample.RunAsync();
}

if (args is ["initial-sync", .. var initialSyncArgs])
{
    return await InitialSyncSample.RunAsync(initialSyncArgs);
}

if (args is ["web", .. var webArgs])
{
    return await WebSample.RunAsync(webArgs);
}

if (args is ["host", .. var hostArgs])
{
    return await SharedHostSample.Run(hostArgs);
}

var state = SampleHost.StateOption(args, out var stateError);
if (stateError is not null)
{
    Console.Error.WriteLine($"{stateError}\nUsage: dotnet run --project dsl-samples/Contoso.Integration.Host -- [--state <path or postgres://…>]");
    return 2;
}

if (state is not null && DualWrite.Runtime.Postgres.StateLocation.IsPostgres(state))
{
    SampleHost.ForgetPreviousRun(state);
}

// The Contoso maps live: two embedded environments in a fresh folder, the runtime in a Generic Host (AddDualWrite),
// bulk data and edits on both sides while it syncs, then the end state of both sides.
var clock = Stopwatch.StartNew();
var folder = SampleHost.FreshFolder("dualwrite-sample");

string[] linked = ["USMF", "DEMF"];
const string Unlinked = "GBSI";
Console.WriteLine($"DualWrite sample: Contoso maps between two embedded environments in {folder}" +
    (state is null ? string.Empty : $", state in {DualWrite.Runtime.Postgres.StateLocation.Redact(state)}"));
Console.WriteLine($"Maps, in order: {string.Join(", ", DualWriteMaps.All.Select(m => m.Name))}");

var totals = new Dictionary<string, long>();
using var meters = CountMetrics(totals);

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.IncludeScopes = false; });
builder.Logging.AddFilter("DualWrite", LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning);
builder.Services.AddDualWrite(options =>
{
    SampleHost.Configure(options, folder, linked, state);
    options.PollInterval = TimeSpan.FromMilliseconds(100);
});

using var host = builder.Build();
await host.StartAsync();
var runtime = host.Services.GetRequiredService<DualWriteRuntime>();
var environments = host.Services.GetRequiredService<DualWriteEnvironments>();
var fo = environments.Fo.ConnectionString;
var dataverse = environments.Dataverse.ConnectionString;

Step($"Linked {string.Join(" and ", linked)}; {Unlinked} exists in F&O only and is not linked, so its records stay there.");

string[] companies = [.. linked, Unlinked];
Seed.Groups(fo, companies);
Seed.Products(fo, 400);
foreach (var company in companies)
{
    Seed.Customers(fo, company, company == Unlinked ? 600 : 1500);
    Seed.Vendors(fo, company, 150);
    Seed.Contacts(fo, company, 200);
}

Step("Seeded F&O with plain SQL: 4 customer groups and 3 vendor groups per company, 1,500 customers in USMF and DEMF and 600 in GBSI " +
    "(every tenth a person), 150 vendors and 200 contacts per company, 400 products.");
await CaughtUp(runtime, environments);
Step("The live loop synced them to Dataverse.");

Seed.Execute(fo, command => Seed.Run(command, "UPDATE CustomersV3 SET CreditLimit = CreditLimit + 5000, AddressCity = 'PORTLAND' WHERE dataAreaId = 'USMF' AND CustomerAccount <= 'US0200'"));
Seed.Execute(dataverse, command => Seed.Run(command, "UPDATE accounts SET name = name || ' (renamed in Dataverse)' WHERE accountnumber BETWEEN 'US0201' AND 'US0300'"));
Seed.Execute(dataverse, command => Seed.Run(command, "UPDATE msdyn_vendors SET msdyn_vendorcreditlimit = '75000' WHERE msdyn_vendoraccountnumber <= 'F0050'"));
Step("Edited both sides with plain SQL: 200 USMF customers in F&O (credit limit, city), 200 accounts renamed in Dataverse (US0201-US0300 in both companies), 100 vendor credit limits in Dataverse.");

await runtime.SaveAsync(new Fo.CustomerV3
{
    dataAreaId = "USMF", CustomerAccount = "US4999", OrganizationName = "Alpine Ski House", CustomerGroupId = "30", CreditLimit = 42000m,
    PaymentTerms = "Net60", OnHoldStatus = Fo.CustVendorBlocked.No, PartyType = Fo.DirPartyBaseType.Organization, AddressCity = "ZERMATT",
});
var saved = environments.Dataverse.Query(CustomersMap.Definition.Dataverse).Single(a => a.accountnumber == "US4999");
Step($"Saved USMF customer US4999 through the runtime (tightly coupled): Dataverse already has '{saved.name}', {saved.address1_city}, credit limit {saved.creditlimit:0}.");

try
{
    await runtime.SaveAsync(new Fo.CustomerV3
    {
        dataAreaId = "USMF", CustomerAccount = "US7001", OrganizationName = "Wrong Range Inc", CustomerGroupId = "30",
        PartyType = Fo.DirPartyBaseType.Organization, OnHoldStatus = Fo.CustVendorBlocked.No,
    });
}
catch (DualWriteException refused)
{
    Step($"Refused a new F&O customer US7001, neither side changed: {refused.Reason}");
}

environments.Dataverse.Save(CustomersMap.Definition.Dataverse, new Dataverse.Account
{
    accountnumber = "US5001", name = "Blue Yonder Airlines", customertypecode = 3, msdyn_paymentterms = 2, msdyn_onholdstatus = 806380099,
    msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "DEMF" },
    msdyn_customergroupid = new Dataverse.Msdyn_customergroup { msdyn_groupid = "40" },
});
Step("A Dataverse user created account US5001 in DEMF with an on-hold status (806380099) the OnHoldStatusCodes value map does not know.");

await CaughtUp(runtime, environments);
await runtime.PauseAsync(CustomersMap.Name);
var syncedBeforeReplay = Total("synced:fo-to-dataverse") + Total("synced:dataverse-to-fo");
foreach (var version in new[] { "A", "B", "C" })
{
    Seed.Execute(fo, command => Seed.Run(command, $"UPDATE CustomersV3 SET OrganizationName = 'Trey Research {version}' WHERE dataAreaId = 'DEMF' AND CustomerAccount = 'US0021'"));
}

Seed.Execute(fo, command => Seed.Run(command, "UPDATE CustomersV3 SET CreditLimit = CreditLimit + 100 WHERE dataAreaId = 'USMF' AND CustomerAccount BETWEEN 'US0301' AND 'US0600'"));
Seed.Execute(fo, command => Seed.Run(command, "UPDATE CustomersV3 SET OrganizationName = 'Fabrikam Electronics (F&O edit)' WHERE dataAreaId = 'DEMF' AND CustomerAccount = 'US0010'"));
Seed.Execute(fo, command => Seed.Run(command, "UPDATE CustomersV3 SET OrganizationName = 'Litware Retail (F&O edit)' WHERE dataAreaId = 'DEMF' AND CustomerAccount = 'US0011'"));

// The change logs' clocks have millisecond resolution, and latest-wins gives F&O a tie.
await Task.Delay(10);
Seed.Execute(dataverse, command => Seed.Run(command, "UPDATE accounts SET name = 'Litware Retail (Dataverse edit, later)' WHERE accountnumber = 'US0011' AND _msdyn_company_value = (SELECT cdm_companyid FROM cdm_companies WHERE cdm_companycode = 'DEMF')"));
var staged = await Staged(runtime, environments, CustomersMap.Name);
var atDataverse = environments.Dataverse.Query(CustomersMap.Definition.Dataverse).Single(a => a.accountnumber == "US0021" && a.msdyn_company?.cdm_companycode == "DEMF").name;
Step($"Paused Customers and kept editing: DEMF US0021 renamed three times in F&O, 300 USMF credit limits, US0010 in F&O, US0011 on both sides (Dataverse last). " +
    $"{staged} changes wait in the state store's staging queue; Dataverse still shows US0021 as '{atDataverse}'.");

await runtime.ResumeAsync(CustomersMap.Name);
await CaughtUp(runtime, environments);
var replayed = Total("synced:fo-to-dataverse") + Total("synced:dataverse-to-fo") - syncedBeforeReplay;
var history = Seed.Column(dataverse, "SELECT json_extract(image, '$.name') FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%' " +
    "AND json_extract(image, '$.accountnumber') = 'US0021' ORDER BY sequence");
Step($"Resumed: the replay wrote {replayed} staged changes in order ({staged - replayed} skipped: conflict losers and changes that change no mapped field), latest-wins settled US0011, " +
    $"and the map runs live again. DEMF US0021 as Dataverse received it: {string.Join(" -> ", history.Where(name => name?.StartsWith("Trey", StringComparison.Ordinal) == true))}.");

await host.StopAsync();
Step("Stopped the host; the live loop finished its pass.");

Console.WriteLine();
Console.WriteLine("End state (rows per table):");
Console.WriteLine($"  {"map",-16}{"F&O",8}{"Dataverse",11}");
foreach (var (map, foTable, dataverseTable) in new[]
{
    ("CustomerGroups", "CustomerGroups", "msdyn_customergroups"), ("Customers", "CustomersV3", "accounts"), ("VendorGroups", "VendorGroups", "msdyn_vendorgroups"),
    ("Vendors", "VendorsV2", "msdyn_vendors"), ("Contacts", "ContactPersonsV2", "contacts"), ("Products", "ProductsV2", "msdyn_globalproducts"),
})
{
    Console.WriteLine($"  {map,-16}{Seed.Scalar(fo, $"SELECT COUNT(*) FROM {foTable}"),8:N0}{Seed.Scalar(dataverse, $"SELECT COUNT(*) FROM {dataverseTable}"),11:N0}");
}

Console.WriteLine("  Customers by company (F&O organizations with a group / Dataverse accounts):");
foreach (var company in companies)
{
    var inFo = Seed.Scalar(fo, $"SELECT COUNT(*) FROM CustomersV3 WHERE dataAreaId = '{company}' AND PartyType = 'Organization'");
    var inDataverse = Seed.Scalar(dataverse, $"SELECT COUNT(*) FROM accounts a JOIN cdm_companies c ON c.cdm_companyid = a._msdyn_company_value WHERE c.cdm_companycode = '{company}'");
    Console.WriteLine($"    {company}: {inFo:N0} / {inDataverse:N0}{(company == Unlinked ? "   (not linked)" : string.Empty)}");
}

var accounts = environments.Dataverse.Query(CustomersMap.Definition.Dataverse).Where(a => a.msdyn_company?.cdm_companycode == "DEMF").ToDictionary(a => a.accountnumber!);
var demf = environments.Fo.Query(CustomersMap.Definition.Fo).Where(c => c.dataAreaId == "DEMF").ToDictionary(c => c.CustomerAccount!);
Console.WriteLine($"  DEMF US0011: F&O '{demf["US0011"].OrganizationName}', Dataverse '{accounts["US0011"].name}'");
Console.WriteLine($"  DEMF US0251: F&O '{demf["US0251"].OrganizationName}'");

Console.WriteLine();
Console.WriteLine($"Synced: {Total("synced:fo-to-dataverse"):N0} changes F&O -> Dataverse, {Total("synced:dataverse-to-fo"):N0} Dataverse -> F&O; " +
    $"failed: {Total("failed"):N0}; conflicts: {Total("conflicts"):N0}");
var errors = runtime.GetErrors();
Console.WriteLine($"Error list: {errors.Count}");
foreach (var error in errors)
{
    Console.WriteLine($"  {error.Map} {error.RecordKey} ({error.Operation} from {error.Side}): {error.Reason}");
}

Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s. Inspect the state: dotnet run --project runtime/DualWrite.Cli -- status " +
    $"--state {(state is null ? Path.Combine(folder, "state.db") : DualWrite.Runtime.Postgres.StateLocation.Redact(state))} " +
    $"--fo {Path.Combine(folder, "fo.db")} --dataverse {Path.Combine(folder, "dataverse.db")} " +
    "--fo-schema dsl-samples/Contoso.Integration/schemas/fo.metadata.xml --dataverse-schema dsl-samples/Contoso.Integration/schemas/dataverse.metadata.xml");
return 0;

void Step(string text) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0} s] {text}");

long Total(string key) => totals.TryGetValue(key, out var value) ? value : 0;

// The sums of the runtime's counters (meter DualWrite.Runtime), as a metrics exporter would see them.
static MeterListener CountMetrics(Dictionary<string, long> totals)
{
    var listener = new MeterListener
    {
        InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "DualWrite.Runtime" && instrument is Counter<long>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        },
    };
    listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
    {
        var key = instrument.Name switch
        {
            "dualwrite.changes.synced" => "synced:" + Tag(tags, "direction"),
            "dualwrite.changes.failed" => "failed",
            _ => "conflicts",
        };
        lock (totals)
        {
            totals[key] = (totals.TryGetValue(key, out var sum) ? sum : 0) + value;
        }
    });
    listener.Start();
    return listener;
}

static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
{
    foreach (var tag in tags)
    {
        if (tag.Key == name)
        {
            return tag.Value as string;
        }
    }

    return null;
}

// A paused map has staged everything when its cursors stand at both change logs' heads.
static async Task<long> Staged(DualWriteRuntime runtime, DualWriteEnvironments environments, string map)
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    while (true)
    {
        var (foHead, dataverseHead) = (environments.Fo.GetHead(), environments.Dataverse.GetHead());
        if (environments.State.GetCursors().Where(c => c.Map == map).All(c => c.Sequence == (c.Side == Side.Fo ? foHead : dataverseHead)))
        {
            return runtime.GetStagedCount(map);
        }

        await Task.Delay(50, timeout.Token);
    }
}

// The live loop has caught up when no map is replaying and every running map's cursors stand at both change logs'
// heads: its last pass read its own writes and found nothing more.
static async Task CaughtUp(DualWriteRuntime runtime, DualWriteEnvironments environments)
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    while (true)
    {
        var (foHead, dataverseHead) = (environments.Fo.GetHead(), environments.Dataverse.GetHead());
        var states = environments.State.GetCursors().Select(c => c.Map).Distinct().ToDictionary(map => map, runtime.GetMapState);
        var behind = states.ContainsValue(DualWrite.Runtime.State.MapState.Replaying)
            || environments.State.GetCursors().Any(c => states[c.Map] == DualWrite.Runtime.State.MapState.Running
            && c.Sequence < (c.Side == Side.Fo ? foHead : dataverseHead));
        if (!behind)
        {
            return;
        }

        await Task.Delay(50, timeout.Token);
    }
}
