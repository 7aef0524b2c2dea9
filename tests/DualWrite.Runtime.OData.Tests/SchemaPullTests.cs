using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary><c>dualwrite schema pull</c> against the local Dataverse-like service and against real Dataverse documents served over loopback.</summary>
public sealed class SchemaPullTests : IDisposable
{
    private const string TokenVariable = "DUALWRITE_SCHEMA_PULL_TEST_TOKEN";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dw-pull-" + Guid.NewGuid().ToString("N")[..8]);

    public SchemaPullTests()
    {
        Directory.CreateDirectory(_folder);
        Environment.SetEnvironmentVariable(TokenVariable, ConnectedPair.Token);
    }

    [Fact]
    public async Task Pulls_the_sample_maps_tables_from_the_local_service()
    {
        await using var service = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = TestSchemas.Dataverse, AccessToken = ConnectedPair.Token });
        var output = Path.Combine(_folder, "dataverse.metadata.xml");

        var (code, text) = Pull(service.ServiceRoot.AbsoluteUri, SampleMaps(), output);

        Assert.True(code == 0, text);
        var schema = EnvironmentSchema.ReadFile(Side.Dataverse, output);
        Assert.Equal(
            new[] { "accounts", "cdm_companies", "contacts", "msdyn_customergroups", "msdyn_globalproducts", "msdyn_vendorgroups", "msdyn_vendors", "transactioncurrencies" },
            schema.Tables.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        var contacts = schema.GetTable("contacts");
        Assert.NotNull(contacts.FindLookup("parentcustomerid_account"));
        Assert.DoesNotContain("WhoAmI", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.NotEmpty(schema.GetTable("accounts").AlternateKeys);
    }

    [Theory]
    [InlineData("crm_schema.xml")]
    [InlineData("DynamicsCRM.xml")]
    public void Trims_a_real_dataverse_document_served_over_loopback(string document)
    {
        var source = Path.Combine(Corpus(), document);
        using var server = new MetadataServer(source, ConnectedPair.Token);
        var maps = Path.Combine(_folder, "maps");
        Directory.CreateDirectory(maps);
        File.WriteAllText(Path.Combine(maps, "contacts.dwmap"), """
            namespace Corpus
            map Contacts : fo ContactPersonsV2 <-> dataverse contacts {
              company global
              key ContactPersonId <-> fullname
              ContactPersonId <-> fullname
              AssociatedContactNumber <-> parentcustomerid.Account(accountnumber)
            }
            map Accounts : fo CustomersV3 <-> dataverse accounts {
              company global
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
              PrimaryContact <-> primarycontactid.fullname
            }
            """);
        var output = Path.Combine(_folder, "trimmed.xml");

        var (code, text) = Pull(server.ServiceRoot, maps, output);

        Assert.True(code == 0, text);
        Assert.True(new FileInfo(output).Length < new FileInfo(source).Length / 4, $"{new FileInfo(output).Length} bytes kept of {new FileInfo(source).Length}.");
        var schema = EnvironmentSchema.ReadFile(Side.Dataverse, output);
        Assert.Equal(new[] { "accounts", "contacts" }, schema.Tables.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("accounts", schema.GetTable("contacts").GetLookup("parentcustomerid_account").TargetTable);
        Assert.Equal("contacts", schema.GetTable("accounts").GetLookup("primarycontactid").TargetTable);
    }

    [Fact]
    public void A_map_naming_an_entity_set_the_environment_lacks_fails_clearly()
    {
        using var server = new MetadataServer(Path.Combine(Corpus(), "crm_schema.xml"), ConnectedPair.Token);
        var maps = Path.Combine(_folder, "missing");
        Directory.CreateDirectory(maps);
        File.WriteAllText(Path.Combine(maps, "m.dwmap"), "namespace X\nmap M : fo A <-> dataverse msdyn_nosuchtables {\n  company global\n  key A <-> b\n  A <-> b\n}\n");
        var output = Path.Combine(_folder, "none.xml");

        var (code, text) = Pull(server.ServiceRoot, maps, output);

        Assert.Equal(1, code);
        Assert.Contains("no entity set 'msdyn_nosuchtables'", text, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(TokenVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    private static (int Code, string Text) Pull(string url, string maps, string output)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = DualWrite.Cli.Program.RunAsync(new[] { "schema", "pull", "--url", url, "--maps", maps, "--out", output, "--side", "dataverse", "--token-env", TokenVariable }, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString() + stderr);
    }

    // The project folder: its maps, and the classes of its own that some maps name with typeof (Entities/).
    private static string SampleMaps() => Path.Combine(RepositoryFiles.Root, "dsl-samples", "Contoso.Integration");

    private static string Corpus() => RepositoryFiles.DataverseCorpus;

    /// <summary>Serves a $metadata file at <c>/api/data/v9.2/$metadata</c> on loopback, to callers with the token.</summary>
    private sealed class MetadataServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public MetadataServer(string path, string token)
        {
            var port = FreePort();
            ServiceRoot = $"http://127.0.0.1:{port}/api/data/v9.2/";
            _listener.Prefixes.Add(ServiceRoot);
            _listener.Start();
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    using var response = context.Response;
                    if (context.Request.Headers["Authorization"] != "Bearer " + token)
                    {
                        response.StatusCode = 401;
                        continue;
                    }

                    response.ContentType = "application/xml";
                    await using var file = File.OpenRead(path);
                    await file.CopyToAsync(response.OutputStream);
                }
            });
        }

        public string ServiceRoot { get; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }

        private static int FreePort()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
