using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.State.Sql;

/// <summary>A <see cref="PreparedWrite"/> as an ADO.NET command, which the provider prepares on its first run.</summary>
internal sealed class CommandWrite : PreparedWrite
{
    private readonly DbCommand _command;

    public CommandWrite(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> parameterNames)
    {
        var parameters = new (string Name, object? Value)[parameterNames.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (parameterNames[i], null);
        }

        _command = DbCommands.Command(connection, transaction, sql, parameters);
    }

    /// <inheritdoc/>
    public override void Bind(int position, object? value) => _command.Parameters[position].Value = value ?? DBNull.Value;

    /// <inheritdoc/>
    public override Task ExecuteAsync(CancellationToken cancellationToken) => _command.ExecuteNonQueryAsync(cancellationToken);

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => _command.DisposeAsync();
}
