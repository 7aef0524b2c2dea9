using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>Reading the change log: heads, ranges by origin, a row's earlier change and counts.</summary>
public sealed partial class EmbeddedEnvironment
{
    /// <summary>The sequence of the last change committed, or 0 (for hosts and tests that write rows directly).</summary>
    public long GetHead()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(sequence), 0) FROM {SqliteLayout.ChangesTable}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every change of the range, in order (for hosts and tests that look at the change log directly).</summary>
    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence) =>
        ReadChanges(entitySet, afterSequence, throughSequence, ChangeOrigins.All, int.MaxValue);

    private IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit)
    {
        // Ordinary changes are read through the partial index of rows without an origin.
        var selected = origins switch
        {
            ChangeOrigins.Ordinary => " AND origin IS NULL",
            ChangeOrigins.Runtime => " AND origin IS NOT NULL",
            _ => string.Empty,
        };
        using var connection = OpenConnection();
        using var read = new NativeStatement(
            connection,
            $"SELECT sequence, operation, row_key, image, origin, changed_at FROM {SqliteLayout.ChangesTable} " +
            $"WHERE entity_set = ?1 AND sequence > ?2 AND sequence <= ?3{selected} ORDER BY sequence LIMIT ?4");
        var table = Schema.GetTable(entitySet).Name;
        read.Bind(1, table);
        read.Bind(2, afterSequence);
        read.Bind(3, throughSequence);
        read.Bind(4, (long)limit);
        var changes = new List<ChangeRecord>();
        while (read.Read())
        {
            // entity_set compares exactly (binary), so every row holds the table's own name.
            changes.Add(new ChangeRecord(
                read.Int64(0),
                Side,
                table,
                Operation(read.Utf8(1)),
                read.Text(2)!,
                read.Text(3)!,
                read.Text(4),
                ChangedAt(read.Utf8(5))));
        }

        return changes;
    }

    private ChangeRecord? PreviousChange(string entitySet, string rowKey, long beforeSequence)
    {
        // Rare (conflicts, a runtime write over an unsynced edit, an update whose target row is missing): the index on
        // (entity_set, sequence) is walked back to the row's last change, with no index of its own to slow every write.
        using var connection = OpenConnection();
        using var read = new NativeStatement(
            connection,
            $"SELECT sequence, operation, row_key, image, origin, changed_at FROM {SqliteLayout.ChangesTable} " +
            "WHERE entity_set = ?1 AND sequence < ?2 AND row_key = ?3 ORDER BY sequence DESC LIMIT 1");
        var table = Schema.GetTable(entitySet).Name;
        read.Bind(1, table);
        read.Bind(2, beforeSequence);
        read.Bind(3, rowKey);
        return read.Read()
            ? new ChangeRecord(read.Int64(0), Side, table, Operation(read.Utf8(1)), read.Text(2)!, read.Text(3)!, read.Text(4), ChangedAt(read.Utf8(5)))
            : null;
    }

    private ChangeCount CountChanges(string entitySet, long afterSequence, long throughSequence)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT COUNT(*) FROM {SqliteLayout.ChangesTable} WHERE entity_set = $set AND sequence > $after AND sequence <= $through), " +
            $"(SELECT COUNT(*) FROM {SqliteLayout.ChangesTable} WHERE entity_set = $set AND sequence > $after AND sequence <= $through AND origin IS NULL)";
        command.Parameters.AddWithValue("$set", Schema.GetTable(entitySet).Name);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$through", throughSequence);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new ChangeCount(reader.GetInt64(0), reader.GetInt64(1));
    }

    private static ChangeOperation Operation(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("Insert"u8) => ChangeOperation.Insert,
        _ when text.SequenceEqual("Update"u8) => ChangeOperation.Update,
        _ when text.SequenceEqual("Delete"u8) => ChangeOperation.Delete,
        _ => Enum.Parse<ChangeOperation>(Encoding.UTF8.GetString(text)),
    };

    // The change log holds strftime('%Y-%m-%dT%H:%M:%fZ'), read digit by digit (a pass reads one per change, and the
    // general parsers took a tenth of the read); anything else a host put there is still read.
    private static DateTimeOffset ChangedAt(ReadOnlySpan<byte> text)
    {
        if (text.Length == 24 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[23] == 'Z'
            && Digits(text, 0, 4) is var year and > 0 && Digits(text, 5, 2) is var month and > 0 && Digits(text, 8, 2) is var day and > 0
            && Digits(text, 11, 2) is var hour and >= 0 && Digits(text, 14, 2) is var minute and >= 0 && Digits(text, 17, 2) is var second and >= 0
            && Digits(text, 20, 3) is var millisecond and >= 0 && month <= 12 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
        {
            return new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        }

        return DateTimeOffset.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    private static int Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (text[i] is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }
}
