using System.Collections.Generic;
using System.Reflection;
using DualWrite.Testing.Postgres;
using Xunit.Sdk;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// The <see cref="StoreKind.Postgres"/> row of a theory over both stores: skipped with the install hint where the machine
/// has no PostgreSQL binaries (and CI is not set), so the SQLite row still runs there.
/// </summary>
public sealed class PostgresStoreDataAttribute : DataAttribute
{
    public PostgresStoreDataAttribute()
    {
        if (PostgresBinaries.Folder is null && !PostgresBinaries.IsCi)
        {
            Skip = PostgresBinaries.InstallHint;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => new[] { new object[] { StoreKind.Postgres } };
}
