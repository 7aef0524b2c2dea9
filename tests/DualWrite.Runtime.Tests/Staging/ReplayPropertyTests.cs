using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using DualWrite.Testing;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Tests.Staging;

/// <summary>
/// Random interleavings of edits on both sides, pauses, resumes, passes and failing changes, checked against what each
/// side received, read from its own change log: every source change of a record edited on one side arrives exactly
/// once and in order; a record edited on both sides receives its versions in order, never one twice, and both sides
/// end equal.
/// </summary>
public sealed class ReplayPropertyTests
{
    private const int Records = 6;

    private enum Step
    {
        EditFo,
        EditDataverse,
        EditFoFailing,
        Pause,
        Resume,
        Sync,
    }

    // Enough that each of the replay bugs planted while writing this test (docs/testing.md) fails it under every seed tried.
    private const int Iterations = 40;

    // Relative weights of the steps; records 0 and 3 are edited in F&O only, 1 and 4 in Dataverse only, 2 and 5 on both sides.
    private static readonly (Step Step, int Weight)[] Weights =
    {
        (Step.EditFo, 4), (Step.EditDataverse, 4), (Step.EditFoFailing, 1), (Step.Pause, 2), (Step.Resume, 2), (Step.Sync, 3),
    };

    [Fact]
    public void Every_change_arrives_once_and_in_order_per_record_across_pauses_resumes_and_failures() => TestSeed.Run(seed =>
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var steps = Steps(random);
            try
            {
                Check(steps);
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"Iteration {iteration} failed; steps: {string.Join(" ", steps.Select(s => $"{s.Step}:{s.Record}"))}", exception);
            }
        }
    });

    private static (Step Step, int Record)[] Steps(Random random)
    {
        var total = Weights.Sum(w => w.Weight);
        var steps = new (Step, int)[random.Next(10, 41)];
        for (var i = 0; i < steps.Length; i++)
        {
            var pick = random.Next(total);
            var step = Weights.First(w => (pick -= w.Weight) < 0).Step;
            steps[i] = (step, random.Next(Records));
        }

        return steps;
    }

    private static void Check((Step Step, int Record)[] steps)
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition });
        world.SeedGroup();
        for (var record = 0; record < Records; record++)
        {
            world.Fo.Save(World.FoCustomer, World.Customer(Account(record), "created"));
        }

        world.SyncUntilQuiet();
        var version = 0;
        foreach (var (step, record) in steps)
        {
            switch (step)
            {
                case Step.EditFo or Step.EditDataverse:
                    var onFo = record % 3 == 0 || (record % 3 == 2 && step == Step.EditFo);
                    Edit(world, onFo, record, $"v{++version}", failing: false);
                    break;
                case Step.EditFoFailing:
                    Edit(world, onFo: true, record - (record % 3), $"v{++version}", failing: true);
                    break;
                case Step.Pause:
                    world.Runtime.Pause(CustomersMap.Name);
                    break;
                case Step.Resume:
                    world.Runtime.Resume(CustomersMap.Name);
                    break;
                default:
                    world.Runtime.SyncOnce();
                    break;
            }
        }

        // Make the failing lookup good, resume, retry what failed, and let everything settle.
        world.Fo.Save(World.FoGroup, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "99", Description = "Fixed" });
        world.Runtime.Resume(CustomersMap.Name);
        world.SyncUntilQuiet();
        world.Runtime.Retry(ErrorFilter.All);
        world.SyncUntilQuiet();

        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
        Assert.Equal(0, world.State.CountStaged(CustomersMap.Name));
        for (var record = 0; record < Records; record++)
        {
            var account = Account(record);
            var toDataverse = TargetLog.WrittenToDataverse(world.Dataverse, account).Select(w => w.Source).ToList();
            var toFo = TargetLog.WrittenToFo(world.Fo, account).Select(w => w.Source).ToList();
            switch (record % 3)
            {
                case 0:
                    Assert.Equal(OrdinaryChanges(world.Fo, "CustomersV3", "CustomerAccount", account), toDataverse);
                    break;
                case 1:
                    Assert.Equal(OrdinaryChanges(world.Dataverse, "accounts", "accountnumber", account), toFo);
                    break;
                default:
                    Assert.True(StrictlyIncreasing(toDataverse), $"{account} reached Dataverse as F&O changes {string.Join(", ", toDataverse)}");
                    Assert.True(StrictlyIncreasing(toFo), $"{account} reached F&O as Dataverse changes {string.Join(", ", toFo)}");
                    break;
            }

            Assert.Equal(world.FoCustomerOf(account)!.OrganizationName, world.AccountOf(account)!.name);
        }
    }

    private static void Edit(World world, bool onFo, int record, string name, bool failing)
    {
        if (onFo)
        {
            var group = failing ? ", CustomerGroupId = '99'" : string.Empty;
            world.Execute(world.Fo, $"UPDATE CustomersV3 SET OrganizationName = $name{group} WHERE CustomerAccount = $account", ("$name", name), ("$account", Account(record)));
        }
        else
        {
            world.Execute(world.Dataverse, "UPDATE accounts SET name = $name WHERE accountnumber = $account", ("$name", name), ("$account", Account(record)));
        }
    }

    private static string Account(int record) => $"US{record + 1:0000}";

    private static bool StrictlyIncreasing(List<long> sources) => sources.Zip(sources.Skip(1)).All(pair => pair.First < pair.Second);

    /// <summary>The sequences of the changes people made to a record on a side (not the runtime's writes).</summary>
    private static List<long> OrdinaryChanges(EmbeddedEnvironment environment, string table, string key, string account)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT sequence FROM dw_changes WHERE entity_set = '{table}' AND origin IS NULL AND json_extract(image, '$.{key}') = $account ORDER BY sequence";
        command.Parameters.AddWithValue("$account", account);
        var sequences = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }
}
