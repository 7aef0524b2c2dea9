using Xunit;

namespace DualWrite.Testing.Postgres;

/// <summary>
/// A test that needs a PostgreSQL server, which it starts itself (<see cref="PostgresCluster"/>). Without the binaries it
/// is skipped with a message saying how to install them, except under <c>CI=true</c>, where it runs and fails loudly.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresBinaries.Folder is null && !PostgresBinaries.IsCi)
        {
            Skip = PostgresBinaries.InstallHint;
        }
    }
}
