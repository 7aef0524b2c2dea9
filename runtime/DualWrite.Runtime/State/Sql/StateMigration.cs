using System.Collections.Generic;

namespace DualWrite.Runtime.State.Sql;

/// <summary>One step of the state store's schema: applied once, in one transaction, recorded under its version.</summary>
/// <param name="Version">Its place in the history, from 1; never renumbered once released.</param>
/// <param name="Name">What it does, recorded beside the version.</param>
/// <param name="Sqlite">Its statements on SQLite, run in order; empty where the step has nothing to do there.</param>
/// <param name="Postgres">Its statements on PostgreSQL (tables in the <c>dualwrite</c> schema), run in order.</param>
internal sealed record StateMigration(int Version, string Name, IReadOnlyList<string> Sqlite, IReadOnlyList<string> Postgres);
