using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Contoso.Integration;
using DualWrite.Runtime;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;

namespace DualWrite.Benchmarks;

/// <summary>
/// Throughput of the engine: 100,000 customer groups inserted into F&amp;O with plain SQL (not timed), then the sync
/// passes until one reads nothing (timed), against the limit on the same disk: the same rows inserted into a plain
/// SQLite table in one transaction. For scale, a third figure: the rows the engine writes (Dataverse customer groups)
/// inserted with plain SQL into the embedded Dataverse environment, whose trigger logs each one. Each invocation is one
/// whole run, on fresh databases.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EngineBenchmarks
{
    public const int Changes = 100_000;

    private static readonly string Schemas = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");

    private string _folder = string.Empty;
    private EmbeddedEnvironment? _fo;
    private EmbeddedEnvironment? _dataverse;
    private SqliteStateStore? _state;
    private DualWriteRuntime? _runtime;
    private SqliteConnection? _raw;

    [IterationSetup(Target = nameof(Engine))]
    public void SetUpEngine()
    {
        _folder = NewFolder();
        _fo = EmbeddedEnvironment.Open(Side.Fo, Path.Combine(_folder, "fo.db"), Path.Combine(Schemas, "fo.metadata.xml"));
        _dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(Schemas, "dataverse.metadata.xml"));
        _state = new SqliteStateStore(Path.Combine(_folder, "state.db"));
        _runtime = new DualWriteRuntime(_fo, _dataverse, _state, new IDualWriteMap[] { CustomerGroupsMap.Definition });
        _runtime.LinkAsync(new[] { "USMF" }).GetAwaiter().GetResult();
        using var connection = new SqliteConnection(_fo.ConnectionString);
        connection.Open();
        Insert(connection, "CustomerGroups");
    }

    [IterationSetup(Target = nameof(PlainSqlIntoEnvironment))]
    public void SetUpEnvironment()
    {
        _folder = NewFolder();
        _dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(Schemas, "dataverse.metadata.xml"));
        _dataverse.EnsureCompaniesAsync(new[] { "USMF" }, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _raw = new SqliteConnection(_dataverse.ConnectionString);
        _raw.Open();
    }

    [IterationSetup(Target = nameof(RawInsert))]
    public void SetUpRaw()
    {
        _folder = NewFolder();
        _raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "raw.db") }.ToString());
        _raw.Open();
        using var command = _raw.CreateCommand();

        // The same journal mode, collation and key as an embedded environment's table, without its change-log trigger.
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE CustomerGroups (dataAreaId TEXT NOT NULL COLLATE NOCASE, CustomerGroupId TEXT NOT NULL COLLATE NOCASE, " +
            "Description TEXT COLLATE NOCASE, PRIMARY KEY (dataAreaId, CustomerGroupId))";
        command.ExecuteNonQuery();
    }

    /// <summary>The limit: inserting the rows into a plain table, one transaction, one prepared statement.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Changes)]
    public void RawInsert() => Insert(_raw!, "CustomerGroups");

    /// <summary>The rows the engine writes, written with plain SQL into the Dataverse environment: its table's keys and its change-log trigger.</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public void PlainSqlIntoEnvironment()
    {
        using var transaction = _raw!.BeginTransaction();
        using var command = _raw.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO msdyn_customergroups (msdyn_customergroupid, msdyn_groupid, msdyn_description, _msdyn_company_value, statecode, statuscode) " +
            "SELECT $id, $group, $description, cdm_companyid, 0, 1 FROM cdm_companies WHERE cdm_companycode = 'USMF'";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var group = command.Parameters.Add("$group", SqliteType.Text);
        var description = command.Parameters.Add("$description", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < Changes; i++)
        {
            id.Value = Guid.CreateVersion7().ToString("D");
            group.Value = "G" + i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            description.Value = "Customer group " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The engine: sync passes until idle (the last one reads the engine's own writes back and skips them).</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public async Task<int> Engine()
    {
        var synced = 0;
        SyncResult pass;
        do
        {
            pass = await _runtime!.SyncOnceAsync();
            synced += pass.Synced;
        }
        while (pass.Read > 0);

        return synced == Changes ? synced : throw new InvalidOperationException($"Synced {synced} of {Changes} changes.");
    }

    [IterationCleanup]
    public void CleanUp()
    {
        _runtime?.Dispose();
        _state?.Dispose();
        _dataverse?.Dispose();
        _fo?.Dispose();
        _raw?.Dispose();
        (_runtime, _state, _dataverse, _fo, _raw) = (null, null, null, null, null);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void Insert(SqliteConnection connection, string table)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', $id, $description)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var description = command.Parameters.Add("$description", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < Changes; i++)
        {
            id.Value = "G" + i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            description.Value = "Customer group " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
