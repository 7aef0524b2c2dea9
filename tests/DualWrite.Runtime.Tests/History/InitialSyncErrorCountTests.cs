using System;
using System.IO;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests.History;

/// <summary>An initial-sync run's failed rows counted per map and legal entity by the state store, in one query.</summary>
public sealed class InitialSyncErrorCountTests
{
    [Fact]
    public void Failed_rows_are_counted_per_map_and_company_and_keys_of_no_company_count_apart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-activity-tests", Guid.NewGuid().ToString("N"));
        using var store = new SqliteStateStore(Path.Combine(folder, "state.db"));
        store.CreateRun(new InitialSyncRun("run1", Side.Fo, [new InitialSyncStep("Customers", InitialSyncPass.All, false)], InitialSyncRunStatus.Running, DateTimeOffset.UtcNow, null));
        store.CreateRun(new InitialSyncRun("run2", Side.Fo, [new InitialSyncStep("Customers", InitialSyncPass.All, false)], InitialSyncRunStatus.Running, DateTimeOffset.UtcNow, null));
        store.SaveCheckpoint(
            new InitialSyncCheckpoint("run1", "Customers", InitialSyncPass.All, InitialSyncStepStatus.Running, null, new InitialSyncCounts()),
            [Failure("Customers", "USMF", "US1"), Failure("Customers", "USMF", "US2"), Failure("Customers", "DEMF", "DE1"), Failure("Currencies", null, "EUR"), Failure("Customers", "USMFX", "X1")]);
        store.SaveCheckpoint(new InitialSyncCheckpoint("run2", "Customers", InitialSyncPass.All, InitialSyncStepStatus.Running, null, new InitialSyncCounts()), [Failure("Customers", "USMF", "US3")]);

        Assert.Equal(
            [new InitialSyncErrorCount("Currencies", "", 1), new InitialSyncErrorCount("Customers", "DEMF", 1), new InitialSyncErrorCount("Customers", "USMF", 2), new InitialSyncErrorCount("Customers", "", 1)],
            store.CountInitialSyncErrors("run1", ["USMF", "DEMF"]));
    }

    private static InitialSyncFailure Failure(string map, string? company, string key) =>
        new(map, InitialSyncPass.All, Side.Fo, new IntegrationKey(company, key), "{}", "refused");
}
