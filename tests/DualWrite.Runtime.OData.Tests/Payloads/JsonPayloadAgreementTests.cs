using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Payloads.Json;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>
/// The System.Text.Json codec against ODataLib: what ODataLib writes, the codec reads to the same rows as the connector's
/// ODataLib reader; what the codec writes, ODataLib reads to the values it was given. Random rows from a seed, printed on failure.
/// </summary>
public sealed class JsonPayloadAgreementTests
{
    private const int Seeds = 200;

    // DUALWRITE_PAYLOAD_SEED replays one failing seed.
    private static IEnumerable<int> SeedsToRun() =>
        Environment.GetEnvironmentVariable("DUALWRITE_PAYLOAD_SEED") is { } one ? new[] { int.Parse(one, System.Globalization.CultureInfo.InvariantCulture) } : Enumerable.Range(1, Seeds);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pages_ODataLib_writes_read_the_same_with_the_codec_as_with_the_connectors_ODataLib_reader(bool delta)
    {
        foreach (var seed in SeedsToRun())
        {
            await WithSeedAsync(seed, () =>
            {
                var random = new RandomPayloads(seed);
                var rows = Enumerable.Range(0, random.Next(5)).Select(_ => (Properties: random.Properties(), ETag: random.ETag())).ToList();
                var deleted = delta ? random.DeletedIds() : new List<string>();
                var next = random.Link("$skiptoken");
                var deltaLink = next is null ? random.Link("$deltatoken") : null;
                var body = WriteWithODataLib(rows, deleted, next, deltaLink, delta);

                var expected = ReadWithODataLib(body, delta);
                var actual = JsonPayloadReader.ReadPage(body, PayloadCodecModel.Type, PayloadCodecModel.Root);

                AssertSamePage(expected, actual);
                Assert.Equal(rows.Count, actual.Rows.Count);
                Assert.Equal(deleted, actual.DeletedIds);
                return Task.CompletedTask;
            });
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_connector_reads_pages_over_HTTP_as_ODataLib_does(bool delta)
    {
        foreach (var seed in SeedsToRun())
        {
            await WithSeedAsync(seed, async () =>
            {
                var random = new RandomPayloads(seed);
                var rows = Enumerable.Range(0, random.Next(5)).Select(_ => (Properties: random.Properties(), ETag: random.ETag())).ToList();
                var deleted = delta ? random.DeletedIds() : new List<string>();
                var next = random.Link("$skiptoken");
                var body = WriteWithODataLib(rows, deleted, next, next is null ? random.Link("$deltatoken") : null, delta);

                AssertSamePage(ReadWithODataLib(body, delta), await ReadWithConnectorAsync(body));
            });
        }
    }

    [Fact]
    public async Task Entity_bodies_the_codec_writes_ODataLib_reads_as_the_values_given()
    {
        foreach (var seed in SeedsToRun())
        {
            await WithSeedAsync(seed, () =>
            {
                var random = new RandomPayloads(seed);
                var properties = random.Properties();
                var binds = random.Next(2) == 0 ? new[] { KeyValuePair.Create("Parent", new Uri(PayloadCodecModel.Root, $"Samples({random.Guid()})")) } : Array.Empty<KeyValuePair<string, Uri>>();
                var clears = binds.Length == 0 && random.Next(2) == 0 ? new[] { KeyValuePair.Create("Parent", "_parent_value") } : Array.Empty<KeyValuePair<string, string>>();

                var body = Write(writer => JsonPayloadWriter.WriteEntity(writer, properties, binds, clears));
                var (read, readBinds, readClears) = ReadRequestWithODataLib(body);

                AssertSameRows(new[] { RandomPayloads.Plain(properties) }, new[] { read });
                Assert.Equal(binds.Select(b => (b.Key, b.Value.AbsoluteUri)), readBinds);
                Assert.Equal(clears.Select(c => c.Key), readClears);
                return Task.CompletedTask;
            });
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pages_the_codec_writes_the_connectors_ODataLib_reader_reads_as_written(bool delta)
    {
        foreach (var seed in SeedsToRun())
        {
            await WithSeedAsync(seed, () =>
            {
                var random = new RandomPayloads(seed);
                var written = Enumerable.Range(0, random.Next(5)).Select(_ => (Properties: random.Properties(), ETag: random.ETag())).ToList();
                var rows = written.Select(r => new ODataRow(RandomPayloads.Plain(r.Properties), r.ETag)).ToList();
                var next = random.Link("$skiptoken");
                var page = new FeedPage(rows, delta ? random.DeletedIds() : new List<string>(), next, next is null ? random.Link("$deltatoken") : null);
                var expected = ReadWithODataLib(WriteWithODataLib(written, page.DeletedIds.ToList(), page.NextLink, page.DeltaLink, delta), delta);
                var context = new Uri(PayloadCodecModel.Root, delta ? "$metadata#Samples/$delta" : "$metadata#Samples");

                var body = Write(writer => JsonPayloadWriter.WritePage(writer, context, page));
                var read = ReadWithODataLib(body, delta);

                AssertSamePage(expected, read);
                return Task.CompletedTask;
            });
        }
    }

    [Fact]
    public void A_Dataverse_page_with_lookup_and_formatted_value_annotations_reads_the_same_both_ways()
    {
        var body = """
            {"@odata.context":"https://contoso.operations.dynamics.com/data/$metadata#Samples","value":[
              {"@odata.etag":"W/\"1234\"","Id":"5d5b7a1e-0000-4000-8000-000000000001","Name":"Fabrikam",
               "Amount@OData.Community.Display.V1.FormattedValue":"$1,500.25","Amount":1500.25,
               "_parent_value@Microsoft.Dynamics.CRM.associatednavigationproperty":"Parent",
               "_parent_value@Microsoft.Dynamics.CRM.lookuplogicalname":"sample",
               "_parent_value@OData.Community.Display.V1.FormattedValue":"Contoso","_parent_value":"5d5b7a1e-0000-4000-8000-000000000002",
               "Blocked@OData.Community.Display.V1.FormattedValue":"Yes","Blocked":"Yes","Day":"2026-03-01","At":"2026-03-01T10:15:00Z"}
            ],"@odata.nextLink":"https://contoso.operations.dynamics.com/data/Samples?$skiptoken=abc"}
            """u8.ToArray();

        var expected = ReadWithODataLib(body, delta: false);
        var actual = JsonPayloadReader.ReadPage(body, PayloadCodecModel.Type, PayloadCodecModel.Root);

        AssertSamePage(expected, actual);
        Assert.Equal("W/\"1234\"", actual.Rows[0].ETag);
        Assert.Equal(1500.25m, actual.Rows[0]["Amount"]);
        Assert.Equal("2026-03-01", actual.Rows[0]["Day"]!.ToString());
    }

    [Fact]
    public void A_single_entity_reads_the_same_both_ways()
    {
        var random = new RandomPayloads(7);
        var body = WriteWithODataLib(new List<(List<KeyValuePair<string, object?>>, string?)> { (random.Properties(), "W/\"9\"") }, new List<string>(), null, null, delta: false);
        var expected = ReadWithODataLib(body, delta: false).Rows.Single();
        var single = JsonDocument.Parse(body).RootElement.GetProperty("value")[0].GetRawText();

        var actual = JsonPayloadReader.ReadRow(Encoding.UTF8.GetBytes(single), PayloadCodecModel.Type);

        AssertSameRows(new[] { expected.Properties }, new[] { actual.Properties });
        Assert.Equal(expected.ETag, actual.ETag);
    }

    private static async Task WithSeedAsync(int seed, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException || !e.Message.StartsWith("Seed ", StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Seed {seed} (replay with DUALWRITE_PAYLOAD_SEED={seed}): {e}");
        }
    }

    private static void AssertSamePage(FeedPage expected, FeedPage actual)
    {
        AssertSameRows(expected.Rows.Select(r => r.Properties), actual.Rows.Select(r => r.Properties));
        Assert.Equal(expected.Rows.Select(r => r.ETag), actual.Rows.Select(r => r.ETag));
        Assert.Equal(expected.DeletedIds, actual.DeletedIds);
        Assert.Equal(expected.NextLink, actual.NextLink);
        Assert.Equal(expected.DeltaLink, actual.DeltaLink);
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static byte[] WriteWithODataLib(List<(List<KeyValuePair<string, object?>> Properties, string? ETag)> rows, List<string> deleted, Uri? next, Uri? deltaLink, bool delta)
    {
        var message = new InMemoryODataMessage();
        var settings = new ODataMessageWriterSettings
        {
            Version = ODataVersion.V4,
            EnableMessageStreamDisposal = false,
            ODataUri = new ODataUri { ServiceRoot = PayloadCodecModel.Root },
        };
        using (var messageWriter = new ODataMessageWriter((IODataResponseMessage)message, settings, PayloadCodecModel.Model))
        {
            var writer = delta
                ? messageWriter.CreateODataDeltaResourceSetWriter(PayloadCodecModel.Set, PayloadCodecModel.Type)
                : messageWriter.CreateODataResourceSetWriter(PayloadCodecModel.Set, PayloadCodecModel.Type);
            if (delta)
            {
                writer.WriteStart(new ODataDeltaResourceSet { NextPageLink = next, DeltaLink = deltaLink });
            }
            else
            {
                writer.WriteStart(new ODataResourceSet { NextPageLink = next, DeltaLink = deltaLink });
            }

            foreach (var (properties, etag) in rows)
            {
                writer.WriteStart(new ODataResource { ETag = etag, Properties = properties.Select(p => new ODataProperty { Name = p.Key, Value = p.Value }).ToList() });
                writer.WriteEnd();
            }

            foreach (var id in deleted)
            {
                writer.WriteStart(new ODataDeletedResource(new Uri(PayloadCodecModel.Root, $"Samples({id})"), DeltaDeletedEntryReason.Deleted));
                writer.WriteEnd();
            }

            writer.WriteEnd();
        }

        return message.Body;
    }

    // As the connector's BatchSender writes a body: the properties, binds as entity reference links, clears as null nested resources.
    private static byte[] WriteEntityWithODataLib(List<KeyValuePair<string, object?>> properties, KeyValuePair<string, Uri>[] binds, KeyValuePair<string, string>[] clears)
    {
        var message = new InMemoryODataMessage();
        var settings = new ODataMessageWriterSettings
        {
            BaseUri = PayloadCodecModel.Root,
            Version = ODataVersion.V4,
            EnableMessageStreamDisposal = false,
            Validations = ValidationKinds.None,
            ODataUri = new ODataUri { ServiceRoot = PayloadCodecModel.Root },
        };
        using (var messageWriter = new ODataMessageWriter((IODataRequestMessage)message, settings, PayloadCodecModel.Model))
        {
            var writer = messageWriter.CreateODataResourceWriter(PayloadCodecModel.Set, PayloadCodecModel.Type);
            writer.WriteStart(new ODataResource
            {
                TypeName = PayloadCodecModel.Type.FullName(),
                Properties = properties.Select(p => new ODataProperty { Name = p.Key, Value = p.Value }).ToList(),
            });
            foreach (var (navigation, target) in binds)
            {
                writer.WriteStart(new ODataNestedResourceInfo { Name = navigation, IsCollection = false });
                writer.WriteEntityReferenceLink(new ODataEntityReferenceLink { Url = target });
                writer.WriteEnd();
            }

            foreach (var (navigation, _) in clears)
            {
                writer.WriteStart(new ODataNestedResourceInfo { Name = navigation, IsCollection = false });
                writer.WriteStart((ODataResource?)null);
                writer.WriteEnd();
                writer.WriteEnd();
            }

            writer.WriteEnd();
        }

        return message.Body;
    }

    private static FeedPage ReadWithODataLib(byte[] body, bool delta) => ODataLibReference.ReadPage(body, delta);

    private static async Task<FeedPage> ReadWithConnectorAsync(byte[] body)
    {
        using var http = new HttpClient(new CannedAnswer(body));
        var service = new ODataService(http, PayloadCodecModel.Root, PayloadCodecModel.Model, 100);
        await foreach (var page in service.ReadFeedAsync(new Uri(PayloadCodecModel.Root, "Samples"), "Samples", null, CancellationToken.None))
        {
            return page;
        }

        throw new InvalidOperationException("The connector read no page.");
    }

    private static (Dictionary<string, object?> Properties, List<(string, string)> Binds, List<string> Clears) ReadRequestWithODataLib(byte[] body)
    {
        var settings = new ODataMessageReaderSettings { BaseUri = PayloadCodecModel.Root, Validations = ValidationKinds.None };
        using var messageReader = new ODataMessageReader((IODataRequestMessage)new InMemoryODataMessage(body), settings, PayloadCodecModel.Model);
        var reader = messageReader.CreateODataResourceReader(PayloadCodecModel.Set, PayloadCodecModel.Type);
        var properties = ODataRow.NewProperties();
        var binds = new List<(string, string)>();
        var clears = new List<string>();
        string? navigation = null;
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.State)
            {
                case ODataReaderState.ResourceStart when depth == 0:
                    depth++;
                    break;
                case ODataReaderState.ResourceStart when reader.Item is null:
                    clears.Add(navigation!);
                    break;
                case ODataReaderState.NestedResourceInfoStart:
                    navigation = ((ODataNestedResourceInfo)reader.Item!).Name;
                    break;
                case ODataReaderState.EntityReferenceLink:
                    binds.Add((navigation!, ((ODataEntityReferenceLink)reader.Item!).Url.AbsoluteUri));
                    break;
                case ODataReaderState.ResourceEnd when reader.Item is ODataResource resource && depth == 1:
                    foreach (var property in resource.Properties.OfType<ODataProperty>())
                    {
                        properties[property.Name] = ODataValues.FromOData(property.Value);
                    }

                    break;
            }
        }

        return (properties, binds, clears);
    }


    // Same names, and values of the same CLR type that are equal (an int where ODataLib gives a long is a disagreement; NaN
    // equals NaN). Doubles may differ in the last places: ODataLib reads a JSON number through decimal, the codec to the
    // nearest double, and the two writers print the shortest and the 17-digit round-trip text.
    private static void AssertSameRows(IEnumerable<Dictionary<string, object?>> expected, IEnumerable<Dictionary<string, object?>> actual)
    {
        var left = expected.ToList();
        var right = actual.ToList();
        Assert.Equal(left.Count, right.Count);
        for (var i = 0; i < left.Count; i++)
        {
            foreach (var name in left[i].Keys.Union(right[i].Keys))
            {
                left[i].TryGetValue(name, out var a);
                right[i].TryGetValue(name, out var b);
                var same = left[i].ContainsKey(name) && right[i].ContainsKey(name)
                    && (a is null ? b is null : b is not null && a.GetType() == b.GetType() && (a is DateTimeOffset m && b is DateTimeOffset n ? m == n && m.Offset == n.Offset
                        : a is double x && b is double y && double.IsFinite(x) ? Math.Abs(x - y) <= Math.Abs(x) * 1e-15
                        : a.Equals(b)));
                Assert.True(same, $"Row {i}, '{name}': {Describe(left[i], name)} against {Describe(right[i], name)}");
            }
        }
    }

    private static string Describe(Dictionary<string, object?> row, string name) =>
        row.TryGetValue(name, out var value) ? value is null ? "null" : $"{value.GetType().Name} {value}" : "missing";
}
