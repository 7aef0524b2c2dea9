using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Payloads.Json;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>
/// The connector's page reads go through the System.Text.Json codec: ODataLib's reader allocates about 10 KB per
/// 8-property entity, the codec a few hundred bytes. Bytes, not time, so the bound does not depend on the machine.
/// </summary>
public sealed class HotPathCostTests
{
    private const int Rows = 2000;

    [Fact]
    public async Task A_page_read_allocates_far_less_per_entity_than_ODataLib_would()
    {
        var body = Page();
        using var http = new HttpClient(new CannedAnswer(body));
        var service = new ODataService(http, PayloadCodecModel.Root, PayloadCodecModel.Model, Rows);
        Assert.Equal(Rows, await ReadAsync(service));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = ReadAsync(service);

        // The canned answer completes every await at once, so the whole read ran on this thread and was counted.
        Assert.True(read.IsCompleted, "The read went asynchronous; its allocations were not all counted on this thread.");
        var perEntity = (GC.GetAllocatedBytesForCurrentThread() - before) / Rows;
        Assert.Equal(Rows, await read);
        Assert.True(perEntity < 3000, $"{perEntity} bytes per entity read");
    }

    private static async Task<int> ReadAsync(ODataService service)
    {
        var count = 0;
        await foreach (var page in service.ReadFeedAsync(new Uri(PayloadCodecModel.Root, "Samples"), "Samples", null, CancellationToken.None))
        {
            count += page.Rows.Count;
        }

        return count;
    }

    private static byte[] Page()
    {
        var random = new RandomPayloads(1);
        var rows = Enumerable.Range(0, Rows).Select(_ => new ODataRow(RandomPayloads.Plain(random.Properties()), "W/\"1\"")).ToList();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonPayloadWriter.WritePage(writer, new Uri(PayloadCodecModel.Root, "$metadata#Samples"), new FeedPage(rows, Array.Empty<string>(), null, null));
        }

        return buffer.ToArray();
    }
}
