using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Tests.Passes;

/// <summary>A world whose runtime stops each map's one-sided live step at a small cap, and what the tests of the cap read from it.</summary>
internal static class CappedWorld
{
    public static World Create(int cap, params IDualWriteMap[] maps)
    {
        var world = new World(maps);
        Restart(world, cap);
        return world;
    }

    /// <summary>Replaces the world's runtime by one with <paramref name="cap"/>, as a host restarted with other options.</summary>
    public static void Restart(World world, int cap, bool recordHistory = false)
    {
        world.Runtime.Dispose();
        world.Runtime = Runtime(world, cap, recordHistory: recordHistory);
    }

    public static DualWriteRuntime Runtime(World world, int cap, IStateStore? state = null, bool recordHistory = false) =>
        new DualWriteRuntime(world.Fo, world.Dataverse, state ?? world.State, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { MaxChangesPerPass = cap, RecordHistory = recordHistory });

    /// <summary>Runs plain SQL statements against F&amp;O in one transaction (a backlog written by users, not by the runtime).</summary>
    public static void OnFo(World world, IEnumerable<string> statements)
    {
        using var connection = new SqliteConnection(world.Fo.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static string InsertGroup(int group, string description = "New") =>
        $"INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '{Group(group)}', '{description}')";

    public static string RenameGroup(int group, string description) =>
        $"UPDATE CustomerGroups SET Description = '{description}' WHERE CustomerGroupId = '{Group(group)}'";

    public static string Group(int group) => "G" + group.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>F&amp;O's ordinary customer-group changes, in order.</summary>
    public static List<long> FoChanges(World world) =>
        Longs(world.Fo, "SELECT sequence FROM dw_changes WHERE entity_set = 'CustomerGroups' AND origin IS NULL ORDER BY sequence");

    /// <summary>The F&amp;O changes the CustomerGroups map's writes to Dataverse carried (their origin tags), in the order written.</summary>
    public static List<long> WrittenToDataverse(World world) =>
        Longs(world.Dataverse, $"SELECT CAST(substr(origin, {CustomerGroupsMap.Name.Length + 12}) AS INTEGER) FROM dw_changes WHERE entity_set = 'msdyn_customergroups' AND origin LIKE 'dualwrite:{CustomerGroupsMap.Name}#%' ORDER BY sequence");

    public static string? DataverseDescription(World world, int group) =>
        world.Dataverse.Query(World.DataverseGroup).SingleOrDefault(g => g.msdyn_groupid == Group(group))?.msdyn_description;

    private static List<long> Longs(Environments.Embedded.EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
