using DualWrite.Testing.Postgres;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>One throwaway PostgreSQL cluster for the test classes that need it; each class makes its own databases.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
