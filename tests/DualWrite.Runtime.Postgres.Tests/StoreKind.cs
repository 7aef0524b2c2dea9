namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>The state stores the contract tests run against.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
