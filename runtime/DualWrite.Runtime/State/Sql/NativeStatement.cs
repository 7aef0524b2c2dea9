using System;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DualWrite.Runtime.State.Sql;

/// <summary>
/// A statement prepared once on a connection and run through SQLite's own API, for the statements run once or twice per
/// change (the embedded environment's target row, change-log row and change-log reads; the OData journal's rows and
/// changes). Microsoft.Data.Sqlite binds a command's
/// parameters by name, turns each string into UTF-8 and builds a data reader on every run; here parameters are bound by
/// position and strings as UTF-8 without an allocation, which took a fifth of a pass's time off in profiles.
/// Failures surface as Microsoft.Data.Sqlite's <see cref="SqliteException"/>, as the rest of the store sees them.
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    // What each parameter holds: SQLite keeps bindings from run to run, and a pass binds the same company, entity set,
    // operation and millisecond for change after change, so an equal value is not bound again.
    private readonly object?[] _bound;
    private byte[] _utf8 = new byte[256];

    public NativeStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        _bound = new object?[raw.sqlite3_bind_parameter_count(_statement) + 1];
    }

    /// <summary>How many parameters the statement has.</summary>
    public int ParameterCount => raw.sqlite3_bind_parameter_count(_statement);

    /// <summary>The name of parameter <paramref name="index"/> (from 1), e.g. <c>$p0</c>; null for a nameless <c>?</c>.</summary>
    public string? ParameterName(int index) => raw.sqlite3_bind_parameter_name(_statement, index).utf8_to_string();

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to a value of the kinds an environment stores.</summary>
    public void Bind(int index, object? value)
    {
        value ??= DBNull.Value;
        if ((uint)index < (uint)_bound.Length && _bound[index] is { } bound && bound.Equals(value))
        {
            return;
        }

        var code = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => BindText(index, text),
            long integer => raw.sqlite3_bind_int64(_statement, index, integer),
            int integer => raw.sqlite3_bind_int64(_statement, index, integer),
            double real => raw.sqlite3_bind_double(_statement, index, real),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be stored in SQLite; the environment converts values to text, integers, reals or bytes first."),
        };
        Check(code);
        _bound[index] = value is byte[] ? null : value;
    }

    // .NET's transcoder is vectorized, SQLite's (for text given as UTF-16) goes character by character through its
    // allocator. The buffer is the statement's own, grown as needed: SQLite copies what is bound.
    private int BindText(int index, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < most)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, _utf8)));
    }

    /// <summary>Binds UTF-8 text as it is.</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> text)
    {
        Check(raw.sqlite3_bind_text(_statement, index, text));
        _bound[index] = null;
    }

    /// <summary>Steps to the next row of a query; false at its end, when the statement is ready to run again.</summary>
    public bool Read()
    {
        var code = raw.sqlite3_step(_statement);
        if (code == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (code != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(code, _database);
        }

        return false;
    }

    /// <summary>Column <paramref name="index"/> (from 0) of the current row as an integer.</summary>
    public long Int64(int index) => raw.sqlite3_column_int64(_statement, index);

    /// <summary>Column <paramref name="index"/> (from 0) of the current row as text; null for NULL.</summary>
    public string? Text(int index) =>
        raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, index));

    /// <summary>Column <paramref name="index"/> (from 0) of the current row as the UTF-8 bytes SQLite holds, valid until the next step.</summary>
    public ReadOnlySpan<byte> Utf8(int index) => raw.sqlite3_column_blob(_statement, index);

    /// <summary>Runs the statement to its end and makes it ready for the next run; the bindings stay until rebound.</summary>
    public void Execute()
    {
        int code;
        while ((code = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
        {
        }

        // sqlite3_reset repeats the step's error; the statement is ready again either way.
        raw.sqlite3_reset(_statement);
        if (code != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(code, _database);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(code, _database);
        }
    }
}
