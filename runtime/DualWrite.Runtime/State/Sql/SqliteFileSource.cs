using System.Data.Common;
using System.IO;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.State.Sql;

/// <summary>Connections to one SQLite file, created with its folder when missing; disposing lets go of the pooled ones.</summary>
internal sealed class SqliteFileSource : DbDataSource
{
    public SqliteFileSource(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        ConnectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
    }

    /// <inheritdoc/>
    public override string ConnectionString { get; }

    /// <inheritdoc/>
    protected override DbConnection CreateDbConnection() => new SqliteConnection(ConnectionString);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        base.Dispose(disposing);
    }
}
