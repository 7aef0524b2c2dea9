using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.State.Sql;

/// <summary>
/// A <see cref="PreparedWrite"/> on SQLite through its own API (<see cref="NativeStatement"/>): Microsoft.Data.Sqlite
/// would look every parameter up by name, copy its name and each text value into new UTF-8 arrays and make a binder
/// for it on every run, which for the journal's rows was a tenth of the bytes the client allocated per change.
/// </summary>
internal sealed class NativeWrite : PreparedWrite
{
    private readonly NativeStatement _statement;

    // SQLite's index (from 1) of each position's parameter: a name written several times in the SQL is one parameter.
    private readonly int[] _indexes;

    public NativeWrite(SqliteConnection connection, string sql, IReadOnlyList<string> parameterNames)
    {
        _statement = new NativeStatement(connection, sql);
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 1; index <= _statement.ParameterCount; index++)
        {
            indexOf[_statement.ParameterName(index)!] = index;
        }

        _indexes = new int[parameterNames.Count];
        for (var position = 0; position < _indexes.Length; position++)
        {
            _indexes[position] = indexOf.TryGetValue("@" + parameterNames[position], out var index)
                ? index
                : throw new ArgumentException($"The statement has no parameter @{parameterNames[position]}.", nameof(parameterNames));
        }
    }

    /// <inheritdoc/>
    public override void Bind(int position, object? value) => _statement.Bind(_indexes[position], value);

    /// <inheritdoc/>
    /// <remarks>SQLite runs a statement to its end on the calling thread; there is nothing to wait for.</remarks>
    public override Task ExecuteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _statement.Execute();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        _statement.Dispose();
        return ValueTask.CompletedTask;
    }
}
