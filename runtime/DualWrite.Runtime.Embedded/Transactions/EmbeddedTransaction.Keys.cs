using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// Finding rows by the engine's key paths (a column, or lookups ending in a column of the looked-up table), and telling
/// when a key path's values lie on a unique index so an insert can go first.
/// </summary>
internal sealed partial class EmbeddedTransaction
{
    private readonly List<FindQuery> _findQueries = new();
    private readonly List<(TableSchema Table, IReadOnlyList<KeyPath> KeyPaths, KeyLanding[]? Plan)> _keyPlans = new();

    /// <summary>
    /// Whether a row holding <paramref name="keyValues"/> at the key paths would make inserting <paramref name="columns"/>
    /// break a unique index. A path is a column of the table, or a lookup and a column that alone keys the looked-up table;
    /// the row must hold the very values of the key (compared exactly, which is stricter than the columns' NOCASE).
    /// </summary>
    private bool UniqueOnKey(TableSchema table, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, List<(string Column, object Value)> columns)
    {
        if (KeyPlanOf(table, keyPaths) is not { } plan)
        {
            return false;
        }

        for (var i = 0; i < plan.Length; i++)
        {
            var path = plan[i];
            object? expected;
            if (keyValues[i] is null)
            {
                return false;
            }
            else if (path.Target is null)
            {
                expected = keyValues[i] is string text ? text : SqliteValues.ToStorage(keyValues[i], table, path.Column);
            }
            else
            {
                expected = IdOf(path.Target, new[] { (path.TargetColumn!.Name, SqliteValues.ToStorage(keyValues[i], path.Target, path.TargetColumn)) });
            }

            if (expected is null || !Holds(columns, path.Column.Name, expected))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(List<(string Column, object Value)> columns, string column, object expected)
    {
        foreach (var (name, value) in columns)
        {
            if (string.Equals(name, column, StringComparison.OrdinalIgnoreCase))
            {
                return ChangeImages.SameStored(value is DBNull ? null : value, expected);
            }
        }

        return false;
    }

    /// <summary>
    /// How each key path lands on a column of the table, when together they cover one of its unique indexes; null when
    /// they do not, or a path goes further than one lookup. Built once per transaction for the key paths a map uses.
    /// </summary>
    private KeyLanding[]? KeyPlanOf(TableSchema table, IReadOnlyList<KeyPath> keyPaths)
    {
        foreach (var (knownTable, knownPaths, knownPlan) in _keyPlans)
        {
            if (ReferenceEquals(knownTable, table) && ReferenceEquals(knownPaths, keyPaths))
            {
                return knownPlan;
            }
        }

        var plan = new KeyLanding[keyPaths.Count];
        for (var i = 0; i < keyPaths.Count && plan is not null; i++)
        {
            var segments = keyPaths[i].Segments;
            if (segments.Count == 1 && table.FindColumn(segments[0]) is { } column)
            {
                plan[i] = new KeyLanding(column, null, null);
            }
            else if (segments.Count == 2 && table.FindLookup(segments[0]) is { } lookup && _schema.FindTable(lookup.TargetTable) is { } target
                && target.FindColumn(segments[1]) is { } targetColumn && table.FindColumn(lookup.ValueColumn) is { } valueColumn
                && KeysOf(target).Any(k => k.Count == 1 && string.Equals(k[0], targetColumn.Name, StringComparison.OrdinalIgnoreCase)))
            {
                plan[i] = new KeyLanding(valueColumn, target, targetColumn);
            }
            else
            {
                plan = null;
            }
        }

        if (plan is not null && !KeysOf(table).Append(table.PrimaryKey).Any(key => key.All(c => plan.Any(p => string.Equals(p.Column.Name, c, StringComparison.OrdinalIgnoreCase)))))
        {
            plan = null;
        }

        _keyPlans.Add((table, keyPaths, plan));
        return plan;
    }

    private static IReadOnlyList<IReadOnlyList<string>> KeysOf(TableSchema table) =>
        table.AlternateKeys.Count > 0 ? table.AlternateKeys : new[] { table.PrimaryKey };

    private Dictionary<string, object?>? FindRow(TableSchema table, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
    {
        if (keyPaths.Count != keyValues.Count || keyPaths.Count == 0)
        {
            throw new ArgumentException($"{keyPaths.Count} key paths and {keyValues.Count} key values do not identify a {table.Name} row.");
        }

        var query = FindQueryOf(table, keyPaths);
        var command = new Statement { CommandText = query.Text };
        for (var i = 0; i < keyValues.Count; i++)
        {
            var (leafTable, column) = query.Columns[i];
            command.Values.Add(keyValues[i] is string text ? text : SqliteValues.ToStorage(keyValues[i], leafTable, column));
        }

        return StatementCache.ReadRows(_statements.Prepare(command)).FirstOrDefault();
    }

    // The engine finds rows by the same key paths (the map's list) for every change of a pass.
    private FindQuery FindQueryOf(TableSchema table, IReadOnlyList<KeyPath> keyPaths)
    {
        foreach (var known in _findQueries)
        {
            if (ReferenceEquals(known.KeyPaths, keyPaths) && ReferenceEquals(known.Table, table))
            {
                return known;
            }
        }

        var parameters = new Statement();
        var columns = new (TableSchema Table, ColumnSchema Column)[keyPaths.Count];
        var conditions = new string[keyPaths.Count];
        for (var i = 0; i < keyPaths.Count; i++)
        {
            conditions[i] = PathCondition(parameters, table, keyPaths[i].Segments, 0, out columns[i]);
        }

        var query = new FindQuery(table, keyPaths, $"SELECT rowid AS {RowIdColumn}, * FROM {SqliteLayout.Quote(table.Name)} WHERE {string.Join(" AND ", conditions)} LIMIT 1", columns);
        _findQueries.Add(query);
        return query;
    }

    private string PathCondition(Statement command, TableSchema table, IReadOnlyList<string> segments, int index, out (TableSchema Table, ColumnSchema Column) leaf)
    {
        if (index < segments.Count - 1)
        {
            var lookup = table.GetLookup(segments[index]);
            var target = _schema.GetTable(lookup.TargetTable);
            var inner = PathCondition(command, target, segments, index + 1, out leaf);
            return $"{SqliteLayout.Quote(lookup.ValueColumn)} IN (SELECT {SqliteLayout.Quote(target.PrimaryKey[0])} FROM {SqliteLayout.Quote(target.Name)} WHERE {inner})";
        }

        var column = table.GetColumn(segments[index]);
        leaf = (table, column);
        return $"{SqliteLayout.Quote(column.Name)} = {command.Parameter(null)}";
    }

    private static string Describe(IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues) =>
        string.Join(" and ", keyPaths.Select((path, i) => $"{path} = '{keyValues[i]}'"));

    /// <summary>Where a key path lands: a column of the table, or a lookup's column with the looked-up table and its key column.</summary>
    private sealed record KeyLanding(ColumnSchema Column, TableSchema? Target, ColumnSchema? TargetColumn);

    /// <summary>The query that finds a row by key paths, and the column each path's value is stored in.</summary>
    private sealed record FindQuery(TableSchema Table, IReadOnlyList<KeyPath> KeyPaths, string Text, (TableSchema Table, ColumnSchema Column)[] Columns);
}
