using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// The rows the benchmarks write through the local services' commands: F&amp;O customer groups of USMF numbered under a
/// prefix (<c>B0000042</c>), and their Dataverse twins that the sample's <c>CustomerGroups</c> map writes.
/// </summary>
internal static class CustomerGroupRows
{
    public const string Company = "USMF";

    /// <summary>Inserts groups start..start+count-1 in F&amp;O, in one transaction of the service's.</summary>
    public static Task InsertAsync(LocalServicesProcess services, string prefix, int start, int count, string description) =>
        services.SendAsync(new { command = "insert", side = "fo", set = "CustomerGroups", start, count, values = FoRow(prefix, description) });

    /// <summary>The seed of <paramref name="count"/> groups, for the services' <c>--seed</c>.</summary>
    public static string Seed(string prefix, int count, string description) =>
        JsonSerializer.Serialize(new { side = "fo", set = "CustomerGroups", count, values = FoRow(prefix, description) });

    /// <summary>Gives groups start..start+count-1 a new description in F&amp;O, in one transaction.</summary>
    public static Task UpdateAsync(LocalServicesProcess services, string prefix, int start, int count, string description) =>
        services.SendAsync(new
        {
            command = "update", side = "fo", set = "CustomerGroups", start, count,
            key = new { dataAreaId = Company, CustomerGroupId = Id(prefix) }, values = new { Description = description },
        });

    /// <summary>The last sequence of Dataverse's change log.</summary>
    public static async Task<long> DataverseHeadAsync(LocalServicesProcess services) =>
        (await services.SendAsync(new { command = "head", side = "dataverse" })).GetProperty("head").GetInt64();

    /// <summary>Whether Dataverse holds groups start..start+count-1 with <paramref name="description"/>, and how many writes its groups got after <paramref name="after"/>.</summary>
    public static async Task<Verification> VerifyAsync(LocalServicesProcess services, string prefix, int start, int count, string description, long after)
    {
        var answer = await services.SendAsync(new
        {
            command = "verify", side = "dataverse", set = "msdyn_customergroups", start, count, after,
            key = new { msdyn_groupid = Id(prefix) }, values = new { msdyn_description = description },
        });
        return new Verification(answer.GetProperty("missing").GetInt32(), answer.GetProperty("wrong").GetInt32(), answer.GetProperty("writes").GetInt64(), answer.GetProperty("example").GetString()!);
    }

    private static object FoRow(string prefix, string description) => new { dataAreaId = Company, CustomerGroupId = Id(prefix), Description = description };

    private static string Id(string prefix) => prefix + "{0:D7}";
}

/// <summary>What <c>verify</c> found: rows missing, rows with other values, and the writes the change log holds.</summary>
internal sealed record Verification(int Missing, int Wrong, long Writes, string Example)
{
    public bool Complete => Missing == 0 && Wrong == 0;

    /// <summary>Null when every row holds its value and each got exactly <paramref name="expectedWrites"/> writes in all; otherwise what is wrong.</summary>
    public string? Failure(long expectedWrites) =>
        !Complete ? string.Create(CultureInfo.InvariantCulture, $"{Missing} missing, {Wrong} wrong ({Example})")
        : Writes != expectedWrites ? string.Create(CultureInfo.InvariantCulture, $"{Writes} writes for {expectedWrites} changes")
        : null;
}
