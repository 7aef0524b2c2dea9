using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.State;

/// <summary>The state store in its own SQLite database file, apart from both environments; for one host.</summary>
public sealed class SqliteStateStore : DbStateStore
{
    /// <summary>Opens the store in <paramref name="databasePath"/>, creating it when missing and migrating its schema.</summary>
    public SqliteStateStore(string databasePath)
        : base(SqliteDialect.Instance, new SqliteFileSource(databasePath))
    {
    }
}
