using System;
using System.Collections.Generic;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Writes;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// Rows the connector created without the service answering with them (a bulk <c>CreateMultiple</c> answers with ids):
/// when the feed reports such a row, it is the create coming back only if that cannot hide an edit. A create that wrote
/// every column the maps read of its table (<see cref="Connector.ODataEnvironment.ReadColumns"/>) is filed with
/// <see cref="Marker"/> and the fingerprint of the written values at those columns as the row's fingerprint; the feed's
/// row is the create when it holds exactly those values there. Any edit since then either changed a value a map reads
/// (the values differ: a change) or touched none (no change for any map). A create that left out a column the maps
/// read is not marked: what the row holds there (a default, a plugin's value, an edit) is unknown, so the feed's row is
/// a change as any other. No time is compared: the Web API gives times to the second. The columns' names are part of
/// the fingerprint, so a host sharing the journal that declares other columns (other maps) never takes the row for the
/// create.
/// </summary>
internal static class OwnCreates
{
    /// <summary>Starts the fingerprint of a marked create; no fingerprint of a row starts so (those are hexadecimal).</summary>
    public const string Marker = "created:";

    /// <summary>The fingerprint the journal keeps for the create, or null when it did not write every column the maps read (or none were declared).</summary>
    public static string? Fingerprint((string Name, string Column)[]? readColumns, WriteOperation operation)
    {
        if (readColumns is null || operation.Kind != WriteKind.Create)
        {
            return null;
        }

        var written = ODataRow.NewProperties();
        foreach (var (name, value) in operation.Properties)
        {
            written[name] = ODataValues.FromOData(value);
        }

        foreach (var (column, id) in operation.BoundIds)
        {
            written[column] = id;
        }

        foreach (var (_, column) in readColumns)
        {
            if (!written.ContainsKey(column))
            {
                return null;
            }
        }

        return Marker + RowImage.Fingerprint(readColumns, written);
    }

    /// <summary>Whether the feed's <paramref name="row"/> is the marked create <paramref name="fingerprint"/> names, unchanged at every column the maps read.</summary>
    public static bool CameBack(string? fingerprint, (string Name, string Column)[]? readColumns, IReadOnlyDictionary<string, object?> row) =>
        readColumns is not null && fingerprint is not null && fingerprint.StartsWith(Marker, StringComparison.Ordinal)
        && fingerprint.AsSpan(Marker.Length).SequenceEqual(RowImage.Fingerprint(readColumns, row));
}
