using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State.WorkSharing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contoso.Integration.Host;

/// <summary>
/// The sample's third command: one of several hosts sharing the work through a PostgreSQL state store, over embedded
/// environments in a folder they all open. It runs until Ctrl+C and shows the partitions it leases and what it synced;
/// with <c>--edits</c> it also seeds F&amp;O once and then renames customers at that rate, so there is work to share.
/// </summary>
internal static class SharedHostSample
{
    private const string Usage = "Usage: dotnet run --project dsl-samples/Contoso.Integration.Host -- host --state postgres://user:password@host:port/database [--data <folder>] [--edits <per second>]";
    private static readonly string[] Linked = ["USMF", "DEMF"];

    public static async Task<int> Run(string[] args)
    {
        var state = SampleHost.StateOption(args, out var stateError);
        if (stateError is not null || state is null || !StateLocation.IsPostgres(state) || !TryOption(args, "--edits", 0, out var editsPerSecond))
        {
            Console.Error.WriteLine(stateError ?? "host needs --state with a postgres:// URL, which the hosts share.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var dataIndex = Array.IndexOf(args, "--data");
        var folder = dataIndex >= 0 && dataIndex + 1 < args.Length ? args[dataIndex + 1] : Path.Combine(Path.GetTempPath(), "dualwrite-shared");
        Directory.CreateDirectory(folder);

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("DualWrite", LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddDualWrite(options =>
        {
            SampleHost.Configure(options, folder, Linked, state);
            options.PollInterval = TimeSpan.FromMilliseconds(100);
        });
        using var host = builder.Build();

        long synced = 0;
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "DualWrite.Runtime" && instrument.Name == "dualwrite.changes.synced")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref synced, value));
        meter.Start();

        await host.StartAsync();
        var environments = host.Services.GetRequiredService<DualWriteEnvironments>();
        var hostId = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DualWriteOptions>>().Value.WorkSharing!.HostId;
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Host {hostId}: environments in {folder}, state in {StateLocation.Redact(state)}. Ctrl+C stops it and gives its partitions back.");

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var editing = editsPerSecond > 0 ? Task.Run(() => Edit(environments, editsPerSecond, lifetime.ApplicationStopping)) : Task.CompletedTask;
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var held = LeaseReport.Describe(() => ((IPartitionedStateStore)environments.State).GetLeases().Where(l => l.HostId == hostId).Select(l => l.Partition).ToList());
            Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {held}; synced {Interlocked.Read(ref synced):N0} changes");
        }

        await editing;
        await host.StopAsync();
        return 0;
    }

    private static void Edit(DualWriteEnvironments environments, int perSecond, CancellationToken stopping)
    {
        var fo = environments.Fo.ConnectionString;
        if (Seed.Scalar(fo, "SELECT COUNT(*) FROM CustomersV3") == 0)
        {
            Seed.Groups(fo, Linked);
            foreach (var company in Linked)
            {
                Seed.Customers(fo, company, 1500);
            }
        }

        var random = new Random();
        var edit = 0;
        while (!stopping.IsCancellationRequested)
        {
            var account = string.Create(CultureInfo.InvariantCulture, $"US{random.Next(1, 1500):0000}");
            Seed.Execute(fo, command => Seed.Run(command, "UPDATE CustomersV3 SET AddressCity = $city WHERE CustomerAccount = $account", ("$city", $"CITY {++edit}"), ("$account", account)));
            stopping.WaitHandle.WaitOne(1000 / perSecond);
        }
    }

    private static bool TryOption(string[] args, string name, int fallback, out int value)
    {
        var index = Array.IndexOf(args, name);
        value = fallback;
        return index < 0 || (index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0);
    }
}
