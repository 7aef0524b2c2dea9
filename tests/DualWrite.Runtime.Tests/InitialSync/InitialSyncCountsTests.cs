using System;
using System.Collections.Generic;
using DualWrite.Runtime.InitialSync;

namespace DualWrite.Runtime.Tests.InitialSync;

/// <summary>The figures a run reports: each count, their sums, and a result's total over its steps.</summary>
public sealed class InitialSyncCountsTests
{
    [Fact]
    public void Read_and_records_sum_their_parts()
    {
        var counts = Counts(1);

        Assert.Equal(1L + 2, counts.Read);
        Assert.Equal(3L + 4 + 5 + 6 + 7, counts.Records);
        Assert.Equal("read 1 F&O + 2 Dataverse, inserted 3, updated 4, unchanged 5, skipped 6, failed 7", counts.ToString());
    }

    [Fact]
    public void A_results_total_adds_every_steps_counts_and_their_companies()
    {
        var result = new InitialSyncResult(
            "run",
            Side.Fo,
            DryRun: false,
            InitialSyncRunStatus.Completed,
            new[]
            {
                new InitialSyncStepResult("CustomerGroups", InitialSyncPass.All, InitialSyncStepStatus.Completed, Counts(1)),
                new InitialSyncStepResult("Customers", InitialSyncPass.All, InitialSyncStepStatus.Completed, Counts(10)),
            },
            0,
            TimeSpan.Zero);

        var total = result.Total;

        Assert.Equal(
            (11L, 22L, 33L, 44L, 55L, 66L, 77L),
            (total.FoRead, total.DataverseRead, total.Inserted, total.Updated, total.Unchanged, total.Skipped, total.Failed));
        var usmf = total.Companies["USMF"];
        Assert.Equal((11L, 22L, 33L), (usmf.Read, usmf.Written, usmf.Failed));
    }

    private static InitialSyncCounts Counts(long unit)
    {
        var counts = new InitialSyncCounts
        {
            FoRead = 1 * unit,
            DataverseRead = 2 * unit,
            Inserted = 3 * unit,
            Updated = 4 * unit,
            Unchanged = 5 * unit,
            Skipped = 6 * unit,
            Failed = 7 * unit,
        };
        var usmf = counts.Company("usmf");
        (usmf.Read, usmf.Written, usmf.Failed) = (1 * unit, 2 * unit, 3 * unit);
        return counts;
    }
}
