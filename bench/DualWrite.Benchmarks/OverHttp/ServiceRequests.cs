using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>The requests both services received since they were last cleared, and how many they refused with 429.</summary>
/// <param name="DataverseExecution">The combined execution time of Dataverse's requests, as its execution-time limit counts it.</param>
/// <param name="ServingCpu">The CPU time the services' process spent serving the requests (both services; not their commands).</param>
internal sealed record ServiceRequests(int Fo, int Dataverse, int Throttled, int Failed, TimeSpan DataverseExecution, TimeSpan ServingCpu)
{
    /// <summary>Reads the counts and clears them, so the next read counts from here.</summary>
    public static async Task<ServiceRequests> TakeAsync(LocalServicesProcess services)
    {
        var fo = await services.SendAsync(new { command = "requests", side = "fo", clear = true });
        var dataverse = await services.SendAsync(new { command = "requests", side = "dataverse", clear = true });
        foreach (var failure in fo.GetProperty("failures").EnumerateArray().Concat(dataverse.GetProperty("failures").EnumerateArray()))
        {
            Console.Error.WriteLine("[local services] a failed request: " + failure.GetString());
        }

        return new ServiceRequests(
            fo.GetProperty("total").GetInt32(),
            dataverse.GetProperty("total").GetInt32(),
            fo.GetProperty("throttled").GetInt32() + dataverse.GetProperty("throttled").GetInt32(),
            fo.GetProperty("failed").GetInt32() + dataverse.GetProperty("failed").GetInt32(),
            TimeSpan.FromSeconds(dataverse.GetProperty("executionSeconds").GetDouble()),

            // The process's serving time since the last clear of either side: the first answer carries it, the second about none.
            TimeSpan.FromSeconds(fo.GetProperty("cpuSeconds").GetDouble() + dataverse.GetProperty("cpuSeconds").GetDouble()));
    }

    public ServiceRequests Add(ServiceRequests other) => new(Fo + other.Fo, Dataverse + other.Dataverse, Throttled + other.Throttled, Failed + other.Failed, DataverseExecution + other.DataverseExecution, ServingCpu + other.ServingCpu);

    /// <summary>Per 1,000 changes: Dataverse's and F&amp;O's, then the 429s and other failures in all.</summary>
    public string PerThousand(int changes) => string.Create(
        CultureInfo.InvariantCulture,
        $"DV {Dataverse * 1000.0 / changes:0.#}, F&O {Fo * 1000.0 / changes:0.#} ({Throttled} 429s{(Failed > 0 ? $", {Failed} failed" : "")})");
}
