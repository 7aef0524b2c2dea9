using Xunit;

namespace DualWrite.Testing.Postgres;

/// <summary>The theory form of <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresBinaries.Folder is null && !PostgresBinaries.IsCi)
        {
            Skip = PostgresBinaries.InstallHint;
        }
    }
}
