using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>Tells SQLite's transient failures (the database busy, locked, or not openable) from the rest.</summary>
internal static class SqliteUnavailability
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int CannotOpen = 14;

    public static bool IsTransient(SqliteException exception) =>
        (exception.SqliteErrorCode & 0xFF) is Busy or Locked or CannotOpen;

    public static EnvironmentUnavailableException ToUnavailable(Side side, string databasePath, SqliteException exception) =>
        new(side, $"The {side} environment ({databasePath}) is unavailable: {exception.Message}", exception);
}
