using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;

namespace DualWrite.Benchmarks;

/// <summary>
/// A 1M-row initial sync of the Customers map on the embedded environments: a million F&amp;O customers, none in
/// Dataverse, so every row is read, transformed, bound to its company and group, and inserted. One invocation: the
/// setup is the data, which a second iteration would find already synced.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
[Config(typeof(RowsPerSecondConfig))]
public class InitialSyncBenchmarks
{
    private static readonly string Schemas = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");

    private string _folder = string.Empty;
    private EmbeddedEnvironment? _fo;
    private EmbeddedEnvironment? _dataverse;
    private SqliteStateStore? _state;
    private InitialSyncRunner? _runner;

    /// <summary>F&amp;O customers to sync.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    [IterationSetup]
    public void Seed()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dualwrite-bench", Guid.NewGuid().ToString("N"));
        _fo = EmbeddedEnvironment.Open(DualWrite.Side.Fo, Path.Combine(_folder, "fo.db"), Path.Combine(Schemas, "fo.metadata.xml"));
        _dataverse = EmbeddedEnvironment.Open(DualWrite.Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(Schemas, "dataverse.metadata.xml"));
        _state = new SqliteStateStore(Path.Combine(_folder, "state.db"));
        _dataverse.EnsureCompaniesAsync(new[] { "USMF" }, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _fo.Save(CustomerGroupsMap.Definition.Fo, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Group 30" });
        using (var connection = new SqliteConnection(_fo.ConnectionString))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, CreditLimit, PaymentTerms, OnHoldStatus, PartyType, AddressCity) " +
                "VALUES ('USMF', $account, $name, '30', '1000', 'Net30', 'No', 'Organization', 'Seattle')";
            var account = command.Parameters.Add("$account", SqliteType.Text);
            var name = command.Parameters.Add("$name", SqliteType.Text);
            for (var i = 0; i < Rows; i++)
            {
                account.Value = "C" + i.ToString("D7", CultureInfo.InvariantCulture);
                name.Value = "Customer " + i.ToString(CultureInfo.InvariantCulture);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        using (var runtime = new DualWriteRuntime(_fo, _dataverse, _state, DualWriteMaps.All))
        {
            runtime.LinkAsync(new[] { "USMF" }).GetAwaiter().GetResult();
        }

        _runner = new InitialSyncRunner(_fo, _dataverse, _state, DualWriteMaps.All);
    }

    [Benchmark]
    public async Task<long> InitialSync() => (await _runner!.RunAsync(_runner.Plan(), new InitialSyncOptions { Master = Side.Fo, BatchSize = 5_000 })).Total.Inserted;

    [IterationCleanup]
    public void Clean()
    {
        _state?.Dispose();
        _fo?.Dispose();
        _dataverse?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class RowsPerSecondConfig : ManualConfig
    {
        public RowsPerSecondConfig() => AddColumn(new RowsPerSecondColumn());
    }

    /// <summary>Rows per second: the benchmark's <see cref="Rows"/> over its mean time.</summary>
    private sealed class RowsPerSecondColumn : IColumn
    {
        public string Id => nameof(RowsPerSecondColumn);

        public string ColumnName => "Rows/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Rows synced per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var rows = benchmarkCase.Parameters["Rows"] is int count ? count : 0;
            return report?.ResultStatistics is { Mean: > 0 } statistics
                ? (rows / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
