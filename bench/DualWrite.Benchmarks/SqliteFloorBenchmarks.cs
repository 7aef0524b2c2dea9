using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DualWrite.Runtime;
using DualWrite.Runtime.Environments.Embedded;
using Microsoft.Data.Sqlite;

namespace DualWrite.Benchmarks;

/// <summary>
/// The SQLite work the engine cannot avoid per change, each part measured alone the way <see cref="EngineBenchmarks"/>
/// measures the raw insert (one transaction, one prepared Microsoft.Data.Sqlite command, commit included): the target row
/// (a Dataverse customer group: its table's rowid, Guid key and alternate key), the change-log row the environment
/// records for it (as the runtime writes it), and reading one change-log row. Their sum is the floor under the
/// engine's time per change, next to the raw insert the engine is compared with.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SqliteFloorBenchmarks
{
    private const int Rows = EngineBenchmarks.Changes;
    private const string Group = "msdyn_customergroups";

    private static readonly string Schemas = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");

    private string _folder = string.Empty;
    private EmbeddedEnvironment? _dataverse;
    private SqliteConnection? _connection;
    private string _company = string.Empty;

    [IterationSetup(Targets = new[] { nameof(TargetRow), nameof(ChangeLogRow) })]
    public void SetUpWrites() => Open();

    [IterationSetup(Target = nameof(ReadChangeLogRow))]
    public void SetUpRead()
    {
        Open();
        Run("INSERT INTO dw_changes (entity_set, operation, row_key, image, origin, changed_at) VALUES ($set, 'Insert', $key, $image, NULL, $at)", (command, i) =>
        {
            var id = Guid.CreateVersion7().ToString("D");
            command.Parameters["$set"].Value = Group;
            command.Parameters["$key"].Value = $"[\"{id}\"]";
            command.Parameters["$image"].Value = Image(id, i);
            command.Parameters["$at"].Value = "2026-11-26T08:00:00.000Z";
        });
    }

    /// <summary>The row the engine writes, without the change-log trigger (the runtime's transactions turn it off).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public void TargetRow() =>
        Run($"INSERT INTO {Group} (msdyn_customergroupid, msdyn_groupid, msdyn_description, _msdyn_company_value, statecode, statuscode) VALUES ($id, $group, $description, $company, 0, 1)", (command, i) =>
        {
            command.Parameters["$id"].Value = Guid.CreateVersion7().ToString("D");
            command.Parameters["$group"].Value = GroupId(i);
            command.Parameters["$description"].Value = Description(i);
            command.Parameters["$company"].Value = _company;
        });

    /// <summary>The change-log row the environment records for that write.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public void ChangeLogRow() =>
        Run("INSERT INTO dw_changes (entity_set, operation, row_key, image, origin, changed_at) VALUES ($set, 'Insert', $key, $image, $origin, $at)", (command, i) =>
        {
            var id = Guid.CreateVersion7().ToString("D");
            command.Parameters["$set"].Value = Group;
            command.Parameters["$key"].Value = $"[\"{id}\"]";
            command.Parameters["$image"].Value = Image(id, i);
            command.Parameters["$origin"].Value = "dualwrite:CustomerGroups#" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters["$at"].Value = "2026-11-26T08:00:00.000Z";
        });

    /// <summary>Reading one change of a map's window, as a pass reads the source's change log.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long ReadChangeLogRow()
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = "SELECT sequence, operation, row_key, image, origin, changed_at FROM dw_changes " +
            "WHERE entity_set = $set AND sequence > 0 AND origin IS NULL ORDER BY sequence";
        command.Parameters.AddWithValue("$set", Group);
        using var reader = command.ExecuteReader();
        var length = 0L;
        while (reader.Read())
        {
            length += reader.GetInt64(0) + reader.GetString(1).Length + reader.GetString(2).Length + reader.GetString(3).Length
                + (reader.IsDBNull(4) ? 0 : 1) + reader.GetString(5).Length;
        }

        return length;
    }

    [IterationCleanup]
    public void CleanUp()
    {
        _connection?.Dispose();
        _dataverse?.Dispose();
        (_connection, _dataverse) = (null, null);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string GroupId(int i) => "G" + i.ToString("000000", CultureInfo.InvariantCulture);

    private static string Description(int i) => "Customer group " + i.ToString(CultureInfo.InvariantCulture);

    // The image the runtime logs for the inserted group: its non-null columns.
    private string Image(string id, int i) =>
        $"{{\"msdyn_customergroupid\":\"{id}\",\"msdyn_groupid\":\"{GroupId(i)}\",\"msdyn_description\":\"{Description(i)}\",\"_msdyn_company_value\":\"{_company}\",\"statecode\":0,\"statuscode\":1}}";

    private void Open()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dualwrite-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(Schemas, "dataverse.metadata.xml"));
        _dataverse.EnsureCompaniesAsync(new[] { "USMF" }, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _connection = new SqliteConnection(_dataverse.ConnectionString);
        _connection.Open();
        using var command = _connection.CreateCommand();

        // The environment's own connection settings, and no trigger: the runtime writes the log row itself.
        command.CommandText = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; DROP TRIGGER \"dw_msdyn_customergroups_insert\"; " +
            "SELECT cdm_companyid FROM cdm_companies WHERE cdm_companycode = 'USMF'";
        _company = (string)command.ExecuteScalar()!;
    }

    private void Run(string sql, Action<SqliteCommand, int> bind)
    {
        using var transaction = _connection!.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in new[] { "$id", "$group", "$description", "$company", "$set", "$key", "$image", "$origin", "$at" })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.Add(name, SqliteType.Text);
            }
        }

        command.Prepare();
        for (var i = 0; i < Rows; i++)
        {
            bind(command, i);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
