using System;
using System.Data.Common;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// A journal in a SQLite file named by <see cref="Connector.ODataConnectorOptions.JournalPath"/>: a state-store database
/// (the same migrations; it may be the host's SQLite state store itself) of which the connector uses the journal tables.
/// A journal file from before the state store kept journals (tables <c>changes</c>, <c>rows</c>, <c>feeds</c>) is moved
/// into those tables on open, keeping its sequences, rows and feed positions.
/// </summary>
internal static class JournalFile
{
    public static DbDataSource Open(string path, Side side)
    {
        var source = new SqliteFileSource(path);
        try
        {
            using var connection = source.OpenConnection();
            StateMigrator.Migrate(connection, SqliteDialect.Instance, StateMigrations.All);
            ImportUnversioned(connection, side);
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static void ImportUnversioned(DbConnection connection, Side side)
    {
        using var transaction = SqliteDialect.Instance.BeginWrite(connection);
        using (var probe = DbCommands.Command(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'changes'"))
        {
            if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return;
            }
        }

        // Its keys were matched with NOCASE, which folds ASCII only, as lower() does; keys are ASCII JSON.
        string[] statements =
        [
            "INSERT INTO journal_changes (side, sequence, entity_set, operation, row_key, image, origin, changed_at) " +
                "SELECT @side, sequence, entity_set, operation, row_key, image, origin, changed_at FROM changes",
            "INSERT INTO journal_rows (side, entity_set, folded_key, row_key, version, fingerprint, image, deleted) " +
                "SELECT @side, entity_set, lower(row_key), row_key, version, fingerprint, image, deleted FROM rows",
            "INSERT INTO journal_feeds (side, entity_set, position) SELECT @side, entity_set, position FROM feeds",
            "UPDATE journal_heads SET sequence = (SELECT COALESCE(MAX(sequence), 0) FROM changes) WHERE side = @side",
            "DROP TABLE changes",
            "DROP TABLE rows",
            "DROP TABLE feeds",
            "DROP TABLE IF EXISTS settings",
        ];
        foreach (var statement in statements)
        {
            DbCommands.Execute(connection, transaction, statement, statement.Contains("@side", StringComparison.Ordinal) ? [("side", side.ToString())] : []);
        }

        transaction.Commit();
    }
}
