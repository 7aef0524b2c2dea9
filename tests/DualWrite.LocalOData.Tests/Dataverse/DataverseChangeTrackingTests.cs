using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Dataverse;

public sealed class DataverseChangeTrackingTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public DataverseChangeTrackingTests(ServiceFixture services) => this.services = services;

    [Fact]
    public async Task Delta_links_return_created_and_updated_rows_and_deleted_entities_then_a_new_delta_link()
    {
        using var client = services.DataverseClient();
        var kept = await Rows.CompanyAsync(services.Dataverse, "DLT1");
        var changed = await Rows.CompanyAsync(services.Dataverse, "DLT2");
        var removed = await Rows.CompanyAsync(services.Dataverse, "DLT3");

        using var initial = await client.SendAsync(HttpMethod.Get, "cdm_companies?$select=cdm_companycode,cdm_name", null, ("Prefer", "odata.track-changes"));
        var initialPage = JsonNode.Parse(await initial.Content.ReadAsStringAsync())!;
        var deltaLink = (string)initialPage["@odata.deltaLink"]!;
        using var created = await client.SendAsync(HttpMethod.Post, "cdm_companies", new { cdm_companycode = "DLT4" });
        using var updated = await client.SendAsync(HttpMethod.Patch, $"cdm_companies({changed})", new { cdm_name = "Renamed" });
        using var deleted = await client.SendAsync(HttpMethod.Delete, $"cdm_companies({removed})");
        var delta = await client.GetJsonAsync(deltaLink);
        var empty = await client.GetJsonAsync((string)delta["@odata.deltaLink"]!);

        Assert.Equal("odata.track-changes", initial.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal(3, initialPage["value"]!.AsArray().Count);
        Assert.Contains("$deltatoken=", deltaLink);
        Assert.EndsWith("/$delta", (string)delta["@odata.context"]!);
        var entries = delta["value"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(3, entries.Count);
        Assert.Contains(entries, e => (string?)e["cdm_companycode"] == "DLT4");
        Assert.Contains(entries, e => (string?)e["cdm_name"] == "Renamed" && Guid.Parse((string)e["cdm_companyid"]!) == changed);
        var tombstone = Assert.Single(entries, e => e.ContainsKey("reason"));
        Assert.Equal(removed.ToString(), (string?)tombstone["id"]);
        Assert.Equal("deleted", (string?)tombstone["reason"]);
        Assert.EndsWith("$metadata#cdm_companies/$deletedEntity", (string)tombstone["@odata.context"]!);
        Assert.DoesNotContain(entries, e => (string?)e["cdm_companyid"] == kept.ToString());
        Assert.Empty(empty["value"]!.AsArray());
        Assert.NotNull(empty["@odata.deltaLink"]);
    }

    [Fact]
    public async Task A_paged_change_tracked_read_puts_the_delta_link_on_its_last_page_only()
    {
        using var client = services.DataverseClient();
        for (var i = 0; i < 5; i++)
        {
            await services.Dataverse.InsertAsync("msdyn_globalproducts", new Dictionary<string, object?> { ["msdyn_productnumber"] = $"GP-{i}" });
        }

        var pages = new List<JsonObject>();
        string? next = "msdyn_globalproducts";
        while (next is not null)
        {
            var page = await client.GetJsonAsync(next, ("Prefer", "odata.track-changes,odata.maxpagesize=2"));
            pages.Add(page);
            next = (string?)page["@odata.nextLink"];
        }

        await services.Dataverse.InsertAsync("msdyn_globalproducts", new Dictionary<string, object?> { ["msdyn_productnumber"] = "GP-new" });
        var delta = await client.GetJsonAsync((string)pages[^1]["@odata.deltaLink"]!);

        Assert.Equal(3, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Null(p["@odata.deltaLink"]));
        Assert.Equal("GP-new", (string?)Assert.Single(delta["value"]!.AsArray())!["msdyn_productnumber"]);
    }

    [Fact]
    public async Task Delta_pages_follow_next_links_and_the_last_page_has_the_new_delta_link()
    {
        using var client = services.DataverseClient();
        var initial = await client.GetJsonAsync("msdyn_vendorgroups", ("Prefer", "odata.track-changes"));
        for (var i = 0; i < 5; i++)
        {
            await services.Dataverse.InsertAsync("msdyn_vendorgroups", new Dictionary<string, object?> { ["msdyn_vendorgroup"] = $"VG-{i}" });
        }

        var pages = new List<JsonObject>();
        string? next = (string)initial["@odata.deltaLink"]!;
        while (next is not null)
        {
            var page = await client.GetJsonAsync(next, ("Prefer", "odata.maxpagesize=2"));
            pages.Add(page);
            next = (string?)page["@odata.nextLink"];
            if (pages.Count == 1)
            {
                await services.Dataverse.InsertAsync("msdyn_vendorgroups", new Dictionary<string, object?> { ["msdyn_vendorgroup"] = "VG-later" });
            }
        }

        var following = await client.GetJsonAsync((string)pages[^1]["@odata.deltaLink"]!);

        Assert.Equal(new[] { 2, 2, 1 }, pages.Select(p => p["value"]!.AsArray().Count));
        Assert.All(pages.SkipLast(1), p => Assert.Null(p["@odata.deltaLink"]));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"VG-{i}"), pages.SelectMany(p => p["value"]!.AsArray()).Select(r => (string)r!["msdyn_vendorgroup"]!));
        Assert.Equal("VG-later", (string?)Assert.Single(following["value"]!.AsArray())!["msdyn_vendorgroup"]);
    }

    [Fact]
    public async Task Change_tracking_refuses_filter_and_top_as_Dataverse_does()
    {
        using var client = services.DataverseClient();

        using var filtered = await client.SendAsync(HttpMethod.Get, "accounts?$filter=name eq 'x'", null, ("Prefer", "odata.track-changes"));

        Assert.Equal(HttpStatusCode.BadRequest, filtered.StatusCode);
    }
}
