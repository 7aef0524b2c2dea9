using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Limits;

namespace DualWrite.LocalServices;

/// <summary>
/// The command line: where the schemas and databases are, the token(s) accepted, the limits each service enforces and
/// the rows to seed before the services say they are ready. Every option is <c>--name value</c>.
/// </summary>
internal sealed class ServerArguments
{
    public const string Usage = """
        DualWrite.LocalServices [options]: an F&O-like and a Dataverse-like OData service on loopback, until stdin closes or SIGTERM.
          --token T                  the bearer token accepted (default local-services-token); never printed
          --users N                  N users: T, T-2, ..., T-N, each with per-user limits of its own (default 1)
          --data FOLDER              where the two SQLite files go (default: a temporary folder, deleted on exit)
          --fo-schema FILE, --dataverse-schema FILE   the CSDL files (default: the sample's, beside this program)
          --fo-port N, --dataverse-port N             loopback ports (default 0: free ones)
          --page-size N              rows per page without Prefer: odata.maxpagesize (default: each service's own)
          --dataverse-requests N     per-user requests per window (Dataverse service protection; any of these four sets them,
          --dataverse-window S       the others keep the published values: 6,000 requests and 1,200 s in 300 s, 52 concurrent)
          --dataverse-execution S    per-user combined execution seconds per window
          --dataverse-concurrent N   per-user concurrent requests
          --dop-hint N               Dataverse's x-ms-dop-hint (default 4)
          --fo-requests N, --fo-window S              F&O's resource limit: requests of all users per sliding window
          --seed JSON                an insert command run before "ready" (repeatable), e.g.
                                     {"side":"fo","set":"CustomerGroups","count":1000,"values":{"dataAreaId":"USMF","CustomerGroupId":"G{0:D7}"}}
        """;

    private ServerArguments(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> seeds)
    {
        string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        int? Number(string name) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : null;
        TimeSpan? Seconds(string name) => values.TryGetValue(name, out var text) ? TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)) : null;

        var schemas = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");
        Token = Text("token", "local-services-token");
        Users = Number("users") ?? 1;
        DataFolder = values.GetValueOrDefault("data");
        FoSchema = Text("fo-schema", Path.Combine(schemas, "fo.metadata.xml"));
        DataverseSchema = Text("dataverse-schema", Path.Combine(schemas, "dataverse.metadata.xml"));
        FoPort = Number("fo-port") ?? 0;
        DataversePort = Number("dataverse-port") ?? 0;
        PageSize = Number("page-size");
        DopHint = Number("dop-hint") ?? 4;
        Seeds = seeds.Select(s => JsonDocument.Parse(s).RootElement.Clone()).ToList();

        var published = ServiceProtectionLimits.Published;
        if (new[] { "dataverse-requests", "dataverse-window", "dataverse-execution", "dataverse-concurrent" }.Any(values.ContainsKey))
        {
            DataverseLimits = new ServiceProtectionLimits
            {
                RequestsPerWindow = Number("dataverse-requests") ?? published.RequestsPerWindow,
                Window = Seconds("dataverse-window") ?? published.Window,
                ExecutionTimePerWindow = Seconds("dataverse-execution") ?? published.ExecutionTimePerWindow,
                ConcurrentRequests = Number("dataverse-concurrent") ?? published.ConcurrentRequests,
            };
        }

        if (Number("fo-requests") is { } foRequests)
        {
            FoLimit = new ResourceLimit { RequestsPerWindow = foRequests, Window = Seconds("fo-window") ?? TimeSpan.FromSeconds(1) };
        }
    }

    public string Token { get; }

    public int Users { get; }

    public string? DataFolder { get; }

    public string FoSchema { get; }

    public string DataverseSchema { get; }

    public int FoPort { get; }

    public int DataversePort { get; }

    public int? PageSize { get; }

    public int DopHint { get; }

    public ServiceProtectionLimits? DataverseLimits { get; }

    public ResourceLimit? FoLimit { get; }

    /// <summary>Insert commands (see <see cref="CommandLoop"/>) to run before the services are announced.</summary>
    public IReadOnlyList<JsonElement> Seeds { get; }

    /// <summary>The other users' tokens: the first user's token with -2, -3, ... appended.</summary>
    public IReadOnlyList<string> OtherTokens => Enumerable.Range(2, Math.Max(0, Users - 1)).Select(i => string.Create(CultureInfo.InvariantCulture, $"{Token}-{i}")).ToList();

    public static ServerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var seeds = new List<string>();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' at '{args[i]}'.");
            }

            var name = args[i][2..];
            if (name == "seed")
            {
                seeds.Add(args[i + 1]);
            }
            else
            {
                values[name] = args[i + 1];
            }
        }

        return new ServerArguments(values, seeds);
    }

    public LocalODataOptions FoOptions() => Options(FoSchema, "fo.db", FoPort, null, FoLimit);

    public LocalODataOptions DataverseOptions() => Options(DataverseSchema, "dataverse.db", DataversePort, DataverseLimits, null);

    private LocalODataOptions Options(string schema, string file, int port, ServiceProtectionLimits? protection, ResourceLimit? resource) => new()
    {
        SchemaPath = schema,
        AccessToken = Token,
        OtherUsersAccessTokens = OtherTokens,
        DatabasePath = DataFolder is null ? null : Path.Combine(DataFolder, file),
        Port = port,
        DefaultPageSize = PageSize,
        ServiceProtection = protection,
        ResourceLimit = resource,
        DegreeOfParallelismHint = DopHint,
    };
}
