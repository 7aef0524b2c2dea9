using System.Linq;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Postgres.Tests;

public sealed class PartitionsTests
{
    private const int Count = 16;

    [Fact]
    public void A_records_partition_depends_on_its_map_and_key_only()
    {
        var partitions = Enumerable.Range(0, 1_000).Select(i => Partitions.Of("Customers", $"USMF|US{i:0000}", Count)).ToList();

        Assert.Equal(partitions, Enumerable.Range(0, 1_000).Select(i => Partitions.Of("Customers", $"USMF|US{i:0000}", Count)));
        Assert.All(partitions, p => Assert.InRange(p, 0, Count - 1));
        Assert.Equal(Count, partitions.Distinct().Count());

        // FNV-1a of "Customers\nUSMF|US0001" is 0xB7B74A76, 6 modulo 16: pinned, since hosts of different versions must agree.
        Assert.Equal(6, Partitions.Of("Customers", "USMF|US0001", Count));
    }
}
