using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.OData.Payloads;
using Microsoft.OData;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>Random rows of <see cref="PayloadCodecModel"/>'s entity, as the connector hands values to ODataLib (enums as <see cref="ODataEnumValue"/>, dates as <see cref="DateOnly"/>).</summary>
internal sealed class RandomPayloads
{
    private static readonly string[] Pieces = { "a", "b", "X", "0", " ", "'", "\"", "\\", "/", "\n", "\t", "é", "€", "中", "😀", "<", "&" };
    private readonly Random random;

    public RandomPayloads(int seed) => random = new Random(seed);

    public List<KeyValuePair<string, object?>> Properties()
    {
        var properties = new List<KeyValuePair<string, object?>> { new("Id", Guid()) };
        Add(properties, "Name", Text());
        Add(properties, "Count", random.Next(int.MinValue, int.MaxValue));
        Add(properties, "Big", random.NextInt64(long.MinValue, long.MaxValue));
        Add(properties, "Amount", new decimal(random.Next(), random.Next(0, 1000), 0, random.Next(2) == 0, (byte)random.Next(0, 7)));
        Add(properties, "Ratio", random.Next(10) switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => double.NegativeInfinity, _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 15)) });
        Add(properties, "Flag", random.Next(2) == 0);
        Add(properties, "At", new DateTimeOffset(random.NextInt64(new DateTime(1900, 1, 1).Ticks, new DateTime(2100, 1, 1).Ticks), TimeSpan.FromMinutes(15 * random.Next(-48, 57))));
        Add(properties, "Day", DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)));
        Add(properties, "Blocked", new ODataEnumValue(random.Next(2) == 0 ? "No" : "Yes", PayloadCodecModel.Namespace + ".NoYes"));
        Add(properties, "_parent_value", Guid());
        return properties;
    }

    public string? ETag() => random.Next(4) == 0 ? null : $"W/\"{random.NextInt64(1, long.MaxValue)}\"";

    public List<string> DeletedIds() => Enumerable.Range(0, random.Next(0, 4)).Select(_ => Guid().ToString()).ToList();

    public Uri? Link(string query) => random.Next(2) == 0 ? null : new Uri(PayloadCodecModel.Root, $"Samples?{query}={random.Next()}");

    public int Next(int max) => random.Next(max);

    public Guid Guid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>The values as the connector's rows hold them once read: <see cref="ODataValues.FromOData"/> of what ODataLib 8 reads, which gives a date as its own (obsolete) Date.</summary>
    public static Dictionary<string, object?> Plain(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        var plain = ODataRow.NewProperties();
        foreach (var (name, value) in properties)
        {
#pragma warning disable CS0618
            plain[name] = value is DateOnly date ? new Microsoft.OData.Edm.Date(date.Year, date.Month, date.Day) : ODataValues.FromOData(value);
#pragma warning restore CS0618
        }

        return plain;
    }

    private void Add(List<KeyValuePair<string, object?>> properties, string name, object value)
    {
        // Some properties are null and some are left out, as a $select or a partial update leaves them.
        switch (random.Next(8))
        {
            case 0:
                properties.Add(new(name, null));
                break;
            case 1:
                break;
            default:
                properties.Add(new(name, value));
                break;
        }
    }

    private string Text() => string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => Pieces[random.Next(Pieces.Length)]));
}
