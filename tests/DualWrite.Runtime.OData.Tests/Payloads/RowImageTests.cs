using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DualWrite.Runtime.OData.Journal;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>
/// Row keys and fingerprints are kept in journals: written with one reused writer per thread, they must stay what the
/// journals already hold (a key as <see cref="JsonSerializer"/> wrote the array, a fingerprint as the SHA-256 of the
/// JSON object of the lower-cased column names in order, decimals as G29 text).
/// </summary>
public sealed class RowImageTests
{
    [Fact]
    public void A_row_key_is_the_json_array_the_journal_already_holds()
    {
        string[][] keys = [["USMF", "10"], ["a\"b\\c", "é ü 東京", "<&>'+", ""], []];
        foreach (var key in keys)
        {
            Assert.Equal(JsonSerializer.Serialize(key), RowImage.Key(key));
        }
    }

    [Fact]
    public void A_fingerprint_is_the_hash_the_journal_already_holds_whatever_the_row_held_before_on_the_thread()
    {
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Description"] = "Group \"1\" é",
            ["CustomerGroupId"] = "G1",
            ["dataAreaId"] = "usmf",
            ["PaymentDays"] = 30,
            ["CreditLimit"] = 100.00m,
            ["IsActive"] = true,
        };
        string[] columns = ["dataAreaId", "CustomerGroupId", "Description", "PaymentDays", "CreditLimit", "IsActive", "Missing"];

        // A large row first: the thread's buffer is dropped and a fresh one serves the next row.
        RowImage.Write(new Dictionary<string, object?> { ["Big"] = new string('x', 200_000) });

        Assert.Equal(Oracle(columns, row), RowImage.Fingerprint(RowImage.FingerprintColumns(columns), row));
        Assert.Equal(Oracle(columns, row), RowImage.Fingerprint(RowImage.FingerprintColumns(columns.Reverse()), row));
    }

    // The fingerprint as the journal computed it before: a sorted dictionary of lower-cased names, serialized, hashed.
    private static string Oracle(IEnumerable<string> columns, IReadOnlyDictionary<string, object?> row)
    {
        var ordered = new SortedDictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            var value = row.TryGetValue(column, out var found) ? found : null;
            ordered[column.ToLowerInvariant()] = value is decimal number ? number.ToString("G29", System.Globalization.CultureInfo.InvariantCulture) : value;
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(ordered))));
    }
}
