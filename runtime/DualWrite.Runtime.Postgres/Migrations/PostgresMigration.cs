using System.Collections.Generic;

namespace DualWrite.Runtime.Postgres.Migrations;

/// <summary>One step of the state store's schema: applied once, in one transaction, recorded under its version.</summary>
/// <param name="Version">Its place in the sequence, from 1; never renumbered once released.</param>
/// <param name="Name">What it does, recorded beside the version.</param>
/// <param name="Statements">Its SQL, run in order.</param>
internal sealed record PostgresMigration(int Version, string Name, IReadOnlyList<string> Statements);
