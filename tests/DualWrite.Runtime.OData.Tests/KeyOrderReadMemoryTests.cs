using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Tests.Support;
using DualWrite.Testing;
using Xunit.Abstractions;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// What a read in key order holds, measured on the whole managed heap: so it runs alone, after the parallel tests, whose
/// allocations would otherwise count as its own (in CI a parallel test's few MB once failed it).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class KeyOrderReadMemoryTests
{
    private readonly ITestOutputHelper _output;

    public KeyOrderReadMemoryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Reading_a_table_in_key_order_holds_a_page_not_the_table()
    {
        const int rows = 20_000;
        await using var pair = await ConnectedPair.StartAsync();
        await InitialSyncPagedTests.SeedFoAsync(pair, rows, i => "Group " + i);
        using var connectors = PagedConnectors.Open(pair, pageSize: 500);
        var map = (IDualWriteMap<Contoso.Integration.Fo.CustomerGroup, Contoso.Integration.Dataverse.Msdyn_customergroup>)DualWriteMaps.All.Single(m => m.Name == CustomerGroupsMap.Name);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long? held = null;
        IReadOnlyList<string>? previous = null;
        var read = 0;
        await foreach (var row in connectors.Fo.ReadInKeyOrderAsync(map.Fo, map.FoKeyPaths, null, default))
        {
            // Every row has been read from the service before the first is yielded: what is held now is what the read keeps.
            held ??= GC.GetTotalMemory(forceFullCollection: true) - baseline;
            if (previous is not null)
            {
                Assert.True(KeyOrder.Instance.Compare(previous, row.Key) < 0, $"{string.Join(",", row.Key)} came after {string.Join(",", previous)}.");
            }

            previous = row.Key;
            read++;
        }

        Assert.Equal(rows, read);
        _output.WriteLine($"Held when the first of {rows:N0} rows was yielded: {held:N0} bytes.");

        // The table's entities alone take over 200 bytes a row; a page of 500 rows takes a few hundred KB.
        Assert.True(held < rows * 50, $"Reading {rows} rows in key order held {held:N0} bytes when the first was yielded.");
    }
}
