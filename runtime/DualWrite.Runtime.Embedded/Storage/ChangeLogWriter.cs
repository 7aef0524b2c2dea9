using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.State.Sql;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// Writes the change-log rows of the writes made through an <see cref="EmbeddedTransaction"/>. Its connection runs with
/// triggers off: a trigger cost more than the write it logged (about 10 us of 14 us for a Dataverse insert, most of it
/// firing the trigger and building the image with <c>json_object</c>). The row has the columns and the JSON the triggers
/// write for plain SQL, in the same transaction as the write, so it is kept or rolled back with it.
/// </summary>
internal sealed class ChangeLogWriter : IDisposable
{
    private readonly NativeStatement _insert;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private long _clockMillisecond = -1;
    private readonly TimeProvider _clock;
    private string _clockText = string.Empty;

    /// <summary>Creates the writer; <paramref name="clock"/> stamps the changes (the local OData services pass their own).</summary>
    public ChangeLogWriter(SqliteConnection connection, TimeProvider clock)
    {
        _clock = clock;
        _insert = new NativeStatement(
            connection,
            $"INSERT INTO {SqliteLayout.ChangesTable} (entity_set, operation, row_key, image, origin, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

        // SQLite's json_object leaves non-ASCII text as it is; so does this writer, and readers decode either form.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Logs a write. <paramref name="row"/> holds the row's stored values in the table's column order: after the write, or before it for a delete.</summary>
    public void Log(TableSchema table, ChangeOperation operation, IReadOnlyList<object?> row, string? origin)
    {
        _insert.Bind(1, table.Name);
        _insert.Bind(2, operation switch
        {
            ChangeOperation.Insert => "Insert",
            ChangeOperation.Update => "Update",
            _ => "Delete",
        });

        // The JSON is bound as the UTF-8 it was written in; SQLite copies it, so the buffer is free again at once.
        WriteRowKey(table, row);
        _insert.BindUtf8(3, _buffer.WrittenSpan);
        WriteImage(table, row);
        _insert.BindUtf8(4, _buffer.WrittenSpan);
        _insert.Bind(5, origin);
        _insert.Bind(6, Now());
        _insert.Execute();
    }

    public void Dispose()
    {
        _json.Dispose();
        _insert.Dispose();
    }

    private void WriteRowKey(TableSchema table, IReadOnlyList<object?> row)
    {
        Start();
        _json.WriteStartArray();
        foreach (var key in table.PrimaryKey)
        {
            WriteValue(table, key, row[OrdinalOf(table, key)]);
        }

        _json.WriteEndArray();
        _json.Flush();
    }

    private void WriteImage(TableSchema table, IReadOnlyList<object?> row)
    {
        Start();
        _json.WriteStartObject();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            // The triggers' images leave null columns out as well; readers take an absent column as null.
            if (row[i] is null or DBNull)
            {
                continue;
            }

            _json.WritePropertyName(table.Columns[i].Name);
            WriteValue(table, table.Columns[i].Name, row[i]);
        }

        _json.WriteEndObject();
        _json.Flush();
    }

    private void WriteValue(TableSchema table, string column, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                _json.WriteNullValue();
                break;
            case string text:
                _json.WriteStringValue(text);
                break;
            case long integer:
                _json.WriteNumberValue(integer);
                break;
            case double real:
                _json.WriteNumberValue(real);
                break;
            default:
                // The triggers' json_object refuses the same values, so a write that plain SQL could not make is refused here too.
                throw new EnvironmentWriteException($"{table.Name}.{column} holds a {value.GetType().Name}, which the change log's JSON image cannot hold.");
        }
    }

    private void Start()
    {
        _buffer.ResetWrittenCount();
        _json.Reset();
    }

    // The triggers' strftime('%Y-%m-%dT%H:%M:%fZ', 'now'): UTC to the millisecond. A pass writes many rows a millisecond.
    private string Now()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var millisecond = now.Ticks / TimeSpan.TicksPerMillisecond;
        if (millisecond != _clockMillisecond)
        {
            _clockMillisecond = millisecond;
            _clockText = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        return _clockText;
    }

    private static int OrdinalOf(TableSchema table, string column)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i].Name, column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new NotSupportedException($"Table '{table.Name}' has no column '{column}' in the environment's schema.");
    }
}
