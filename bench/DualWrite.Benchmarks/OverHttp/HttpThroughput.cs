using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// <c>dotnet run -c Release -- http [--quick] [options]</c>: the throughput runs against the local services in a child
/// process, one table row each (docs/performance.md, "Throughput over HTTP"). Plain measured runs rather than
/// BenchmarkDotNet: each needs a server process, seeded rows and, for the hosts, a PostgreSQL server, and is run once.
/// </summary>
internal static class HttpThroughput
{
    private const string Usage = """
        http [--quick] [--profile] [--only a,b,c,d] [--live-changes N] [--changes N] [--rounds N] [--warm-up N] [--rows N] [--fo-page-size N] [--host-changes N]
             [--request-log FILE] [--bulk-chunk N] [--max-changes-per-pass N] [--dataverse-requests N] [--dataverse-window S] [--dataverse-execution-rate R] [--fo-requests N] [--fo-window S]
          a  client cost per change, live sync, no limits      --live-changes (20,000; --quick 500)
          b  changes/s under the limits, against their ceiling  --changes (100,000; --quick 1,000), in --rounds (2)
          c  initial sync                                       --rows (1,000,000; --quick 2,000), --fo-page-size (the connector's 10,000)
          d  1, 2 and 3 hosts with PostgreSQL state             --host-changes (20,000; --quick 500)
          --warm-up N  a's and b's changes synced before the measured part, in rounds of 1,000 (5,000; --quick 500)
          --profile  after a and b, their client CPU and allocations by stage and the types allocated most
          --bulk-chunk N  b's Dataverse records per bulk message (the connector's 100)
          --max-changes-per-pass N  a's and b's cap on the changes of a live pass (the runtime's 5,000)
          --request-log FILE  b's requests (time, side, kind, status, rate-limit headers) and the harness's steps, as CSV
          limits of b: --dataverse-requests (600) per --dataverse-window (30 s) per user, --dataverse-execution-rate (0.5 s of
                       execution per second per user; published: 4); F&O's --fo-requests per --fo-window (1 s), none by default
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        Dictionary<string, string> options;
        try
        {
            options = Options(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage);
            return 2;
        }

        var quick = options.ContainsKey("quick");
        var profile = options.ContainsKey("profile");
        int Number(string name, int full, int small) => options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : quick ? small : full;
        double Seconds(string name, double fallback) => options.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var only = options.TryGetValue("only", out var list) ? list.Split(',') : new[] { "a", "b", "c", "d" };
        var binding = ServiceLimits.BindingHere;
        var limits = new ServiceLimits(
            Number("dataverse-requests", binding.DataverseRequests, binding.DataverseRequests),
            TimeSpan.FromSeconds(Seconds("dataverse-window", binding.DataverseWindow.TotalSeconds)),
            Seconds("dataverse-execution-rate", binding.ExecutionPerSecond),
            options.TryGetValue("fo-requests", out var foRequests) ? int.Parse(foRequests, CultureInfo.InvariantCulture) : null,
            TimeSpan.FromSeconds(Seconds("fo-window", 1)));

        int? cap = options.TryGetValue("max-changes-per-pass", out var capText) ? int.Parse(capText, CultureInfo.InvariantCulture) : null;
        Console.WriteLine($"Client: this process; services: bench/DualWrite.LocalServices in a child process. Limits of b: {limits}.");
        ResultTable.Header();
        if (only.Contains("a"))
        {
            await LiveSyncMeasurement.RunAsync("a. live sync, client cost", Number("live-changes", 20_000, 500), 1, Number("warm-up", 5_000, 500), limits: null, profile, maxChangesPerPass: cap);
        }

        if (only.Contains("b"))
        {
            await LiveSyncMeasurement.RunAsync("b. live sync under the limits", Number("changes", 100_000, 1_000), Number("rounds", 2, 2), Number("warm-up", 5_000, 500), limits, profile, options.GetValueOrDefault("request-log"),
                options.TryGetValue("bulk-chunk", out var chunk) ? int.Parse(chunk, CultureInfo.InvariantCulture) : null, cap);
        }

        if (only.Contains("c"))
        {
            await InitialSyncMeasurement.RunAsync("c. initial sync", Number("rows", 1_000_000, 2_000), options.TryGetValue("fo-page-size", out var pageSize) ? int.Parse(pageSize, CultureInfo.InvariantCulture) : null);
        }

        if (only.Contains("d"))
        {
            await HostsMeasurement.RunAsync(Number("host-changes", 20_000, 500), limits: null);
        }

        return 0;
    }

    private static Dictionary<string, string> Options(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--quick" or "--profile")
            {
                options[args[i][2..]] = "";
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        return options;
    }
}
