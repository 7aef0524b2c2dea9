using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Postgres;

/// <summary>Opens the state store a location names: a <c>postgres://</c> URL (<see cref="PostgresStateStore"/>) or a SQLite file path.</summary>
public static class StateStoreFactory
{
    /// <summary>Opens (and creates or migrates) the store.</summary>
    public static IStateStore Open(string location) =>
        PostgresUrl.IsUrl(location) ? PostgresStateStore.FromUrl(location) : new SqliteStateStore(location);
}
