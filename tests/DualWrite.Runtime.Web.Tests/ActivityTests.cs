using System;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>
/// The activity log also holds what happened to a map outside the page: a stop through the runtime's API with its
/// reason, and a relink, newest first.
/// </summary>
public sealed class ActivityTests
{
    [Fact]
    public async Task A_stop_with_its_reason_and_a_relink_made_through_the_runtime_are_in_the_maps_activity_log()
    {
        await using var host = await PageHost.StartAsync(customersPerCompany: 5);
        using var client = await host.SignedInClientAsync();

        await host.Runtime.StopAsync("Products", "maintenance of the product master");
        await host.Runtime.RelinkAsync(dropStaged: true);
        var html = await client.GetStringAsync(host.PageUrl + "/maps/Products/activity");

        var relinked = html.IndexOf("<td>relinked</td>", StringComparison.Ordinal);
        var stopped = html.IndexOf("<td>stopped</td><td>unknown</td><td>maintenance of the product master</td>", StringComparison.Ordinal);
        Assert.True(relinked >= 0 && stopped > relinked, html);
    }
}
