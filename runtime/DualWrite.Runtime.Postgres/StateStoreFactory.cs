using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Postgres;

/// <summary>Opens the state store a location names (<see cref="StateLocation"/>): PostgreSQL for a URL or a connection string, otherwise a SQLite file.</summary>
public static class StateStoreFactory
{
    /// <summary>Opens (and creates or migrates) the store.</summary>
    /// <exception cref="System.ArgumentException">A PostgreSQL location is malformed; the message shows it without its secrets.</exception>
    public static IStateStore Open(string location) =>
        StateLocation.IsPostgres(location) ? new PostgresStateStore(StateLocation.ToConnectionString(location)) : new SqliteStateStore(location);
}
