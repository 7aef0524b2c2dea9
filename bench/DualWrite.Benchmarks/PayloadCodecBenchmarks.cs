using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Xml;
using BenchmarkDotNet.Attributes;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Payloads.Json;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace DualWrite.Benchmarks;

/// <summary>
/// Per entity, ODataLib (with the connector's reader and writer settings) against the System.Text.Json codec: reading a
/// page of Dataverse accounts into rows, and writing one account's body as a create or update sends it. Time and
/// allocations are per entity (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class PayloadCodecBenchmarks
{
    private const int Entities = 1000;
    private static readonly Uri Root = new("https://contoso.crm.dynamics.com/api/data/v9.2/");
    private IEdmModel model = null!;
    private IEdmEntitySet set = null!;
    private ODataService service = null!;
    private byte[] page = null!;
    private List<List<KeyValuePair<string, object?>>> bodies = null!;
    private readonly MemoryStream output = new();

    [GlobalSetup]
    public void Setup()
    {
        using (var xml = XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "samples", "schemas", "dataverse.metadata.xml")))
        {
            model = CsdlReader.Parse(xml);
        }

        set = model.EntityContainer.FindEntitySet("accounts");
        service = new ODataService(new HttpClient(), Root, model, 5000);
        var random = new Random(1);
        bodies = Enumerable.Range(0, Entities).Select(i => new List<KeyValuePair<string, object?>>
        {
            new("accountid", new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray())),
            new("accountnumber", $"US-{i:D6}"),
            new("name", $"Customer {i} of Contoso"),
            new("creditlimit", (decimal)random.Next(0, 1_000_000) / 100),
            new("statecode", 0),
            new("modifiedon", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i)),
            new("_msdyn_company_value", Guid.NewGuid()),
            new("telephone1", "+1 425 555 0100"),
        }).ToList();
        page = Serialize(writer => JsonPayloadWriter.WritePage(writer, new Uri(Root, "$metadata#accounts"),
            new FeedPage(bodies.Select((b, i) => new ODataRow(b.ToDictionary(p => p.Key, p => p.Value), $"W/\"{i}\"")).ToList(), Array.Empty<string>(), new Uri(Root, "accounts?$skiptoken=x"), null)));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entities)]
    public int ReadPageODataLib()
    {
        var message = new Message(page);
        using var reader = new ODataMessageReader((IODataResponseMessage)message, service.ReaderSettings, model);
        var feed = reader.CreateODataResourceSetReader(set, set.EntityType);
        var rows = 0;
        while (feed.Read())
        {
            if (feed.State == ODataReaderState.ResourceEnd && feed.Item is ODataResource resource)
            {
                var properties = ODataRow.NewProperties();
                foreach (var property in resource.Properties.OfType<ODataProperty>())
                {
                    properties[property.Name] = ODataValues.FromOData(property.Value);
                }

                rows += new ODataRow(properties, resource.ETag).Properties.Count;
            }
        }

        return rows;
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public int ReadPageJson() => JsonPayloadReader.ReadPage(page, set.EntityType, Root).Rows.Count;

    [Benchmark(OperationsPerInvoke = Entities)]
    public long WriteEntitiesODataLib()
    {
        long bytes = 0;
        foreach (var body in bodies)
        {
            var message = new Message(null);
            var settings = service.WriterSettings;
            using (var writer = new ODataMessageWriter((IODataRequestMessage)message, settings, model))
            {
                var resourceWriter = writer.CreateODataResourceWriter(set, set.EntityType);
                resourceWriter.WriteStart(new ODataResource
                {
                    TypeName = set.EntityType.FullName(),
                    Properties = body.Select(p => new ODataProperty { Name = p.Key, Value = p.Value }).ToList(),
                });
                resourceWriter.WriteEnd();
            }

            bytes += message.Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public long WriteEntitiesJson()
    {
        long bytes = 0;
        using var writer = new Utf8JsonWriter(output);
        foreach (var body in bodies)
        {
            output.SetLength(0);
            writer.Reset(output);
            JsonPayloadWriter.WriteEntity(writer, body, Array.Empty<KeyValuePair<string, Uri>>(), Array.Empty<KeyValuePair<string, string>>());
            writer.Flush();
            bytes += output.Length;
        }

        return bytes;
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private sealed class Message : IODataRequestMessage, IODataResponseMessage
    {
        private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["OData-Version"] = "4.0",
            ["Content-Type"] = "application/json;odata.metadata=minimal",
        };

        private readonly MemoryStream stream;

        public Message(byte[]? body) => stream = body is null ? new MemoryStream() : new MemoryStream(body, writable: false);

        public long Length => stream.Length;

        public IEnumerable<KeyValuePair<string, string>> Headers => headers;

        public Uri Url { get; set; } = Root;

        public string Method { get; set; } = "POST";

        public int StatusCode { get; set; } = 200;

        public string GetHeader(string headerName) => headers.TryGetValue(headerName, out var value) ? value : null!;

        public void SetHeader(string headerName, string headerValue) => headers[headerName] = headerValue;

        public System.IO.Stream GetStream() => stream;
    }
}
