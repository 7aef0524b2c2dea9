using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.LocalOData.Protocol;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Seeding;

/// <summary>Seeding many rows at once (InsertManyAsync, UpdateManyAsync): each row written as the single call would write it, all in one transaction.</summary>
public sealed class BulkSeedingTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public BulkSeedingTests(ServiceFixture services) => this.services = services;

    private static Dictionary<string, object?> Group(string id, string description) =>
        new() { ["dataAreaId"] = "usmf", ["CustomerGroupId"] = id, ["Description"] = description };

    private static Dictionary<string, object?> Key(string id) => new() { ["dataAreaId"] = "usmf", ["CustomerGroupId"] = id };

    private IReadOnlyDictionary<string, string?> Descriptions(string prefix) =>
        services.Fo.Rows("CustomerGroups").Where(r => ((string)r["CustomerGroupId"]!).StartsWith(prefix, System.StringComparison.Ordinal))
            .ToDictionary(r => (string)r["CustomerGroupId"]!, r => (string?)r["Description"]);

    [Fact]
    public async Task Inserts_every_row_stamped_or_none_when_one_fails()
    {
        var inserted = await services.Fo.InsertManyAsync("CustomerGroups", new[] { Group("SI-1", "one"), Group("SI-2", "two") });

        await Assert.ThrowsAsync<ODataServiceException>(() => services.Fo.InsertManyAsync("CustomerGroups", new[] { Group("SI-3", "three"), Group("SI-1", "again") }));

        Assert.Equal(2, inserted);
        Assert.Equal(new Dictionary<string, string?> { ["SI-1"] = "one", ["SI-2"] = "two" }, Descriptions("SI-"));
        Assert.All(services.Fo.Rows("CustomerGroups").Where(r => ((string)r["CustomerGroupId"]!).StartsWith("SI-", System.StringComparison.Ordinal)), r => Assert.NotNull(r["ModifiedDateTime1"]));
    }

    [Fact]
    public async Task Updates_every_row_as_an_edit_or_none_when_one_is_missing()
    {
        await services.Fo.InsertManyAsync("CustomerGroups", new[] { Group("SU-1", "one"), Group("SU-2", "two") });
        var before = services.Fo.Find("CustomerGroups", Key("SU-1"))!;

        var updated = await services.Fo.UpdateManyAsync("CustomerGroups", new[] { ((IReadOnlyDictionary<string, object?>)Key("SU-1"), (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["Description"] = "edited" }) });
        await Assert.ThrowsAsync<ODataServiceException>(() => services.Fo.UpdateManyAsync("CustomerGroups", new[]
        {
            ((IReadOnlyDictionary<string, object?>)Key("SU-2"), (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["Description"] = "lost" }),
            (Key("SU-9"), new Dictionary<string, object?> { ["Description"] = "missing" }),
        }));

        Assert.Equal(1, updated);
        Assert.Equal(new Dictionary<string, string?> { ["SU-1"] = "edited", ["SU-2"] = "two" }, Descriptions("SU-"));
        Assert.NotEqual(before.ETag, services.Fo.Find("CustomerGroups", Key("SU-1"))!.ETag);
    }
}
