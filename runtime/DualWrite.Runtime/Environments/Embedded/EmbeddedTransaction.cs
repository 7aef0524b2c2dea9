using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DualWrite.Runtime.Environments.Schema;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// A write transaction on an embedded environment (SQLite <c>BEGIN IMMEDIATE</c>): it holds the database's write lock
/// from the start, so the change log cannot move under the engine while it reads, decides and writes.
/// </summary>
internal sealed partial class EmbeddedTransaction
{
    private const string RowIdColumn = "dw_rowid";

    private readonly EnvironmentSchema _schema;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly ChangeLogWriter _log;
    private bool _done;
    private string? _origin;
    private byte[]? _randomBytes;
    private int _randomUsed;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeStatement> _writes = new(StringComparer.Ordinal);
    private readonly List<FindQuery> _findQueries = new();
    private readonly Dictionary<TableSchema, Dictionary<string, int>> _ordinals = new();
    private readonly List<(string[] Names, string Text)> _insertTexts = new();
    private readonly List<(TableSchema Table, IReadOnlyList<KeyPath> KeyPaths, KeyLanding[]? Plan)> _keyPlans = new();

    // Lookup resolutions of this transaction, per table read: a pass binds the same few lookup targets (a record's
    // company above all) for every change. The transaction holds the write lock, so only its own writes can change
    // them; a write to a table drops that table's entries.
    private readonly Dictionary<string, Dictionary<string, (object? Id, string? Miss)>> _referenced = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<object, Dictionary<string, object?>?>> _rowsById = new(StringComparer.OrdinalIgnoreCase);

    public EmbeddedTransaction(EnvironmentSchema schema, SqliteConnection connection, string? origin)
    {
        _schema = schema;
        _connection = connection;

        // The transaction logs its own writes (ChangeLogWriter), so the tables' triggers must not log them a second time.
        // Turned off before any statement is prepared (SQLite compiles triggers into a statement when preparing it),
        // and on again before the connection goes back to the pool that plain SQL writers share.
        TriggersOn(connection, on: false);
        try
        {
            _transaction = connection.BeginTransaction(deferred: false);
        }
        catch
        {
            // The write lock was not granted (another writer holds it): the caller disposes the connection, into the pool.
            TriggersOn(connection, on: true);
            throw;
        }

        _log = new ChangeLogWriter(connection);
        _origin = origin;
    }

    public T Materialize<T>(EntityDescriptor<T> descriptor, ChangeRecord change)
        where T : class
    {
        var table = _schema.GetTable(change.EntitySet);
        var row = ParseImage(change.Image, table.Columns.Count);

        // A deleted row's lookups may point to rows deleted with it; the image still identifies the record.
        return (T)MaterializeRow(descriptor, table, row, lenient: change.Operation == ChangeOperation.Delete);
    }

    public T? Find<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var row = FindRow(table, keyPaths, keyValues);
        return row is null ? null : (T)MaterializeRow(descriptor, table, row, lenient: false);
    }

    public IReadOnlyList<T> Query<T>(EntityDescriptor<T> descriptor)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        using var command = Command($"SELECT * FROM {SqliteLayout.Quote(table.Name)} ORDER BY rowid");
        return ReadRows(command).Select(row => (T)MaterializeRow(descriptor, table, row, lenient: false)).ToList();
    }

    public void Insert<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class => InsertColumns(_schema.GetTable(descriptor), InsertColumnsOf(descriptor, entity));

    /// <summary>
    /// Inserts without looking for the row first when a unique index of the table (its key or an alternate key) lies on
    /// the key paths' columns and the row carries exactly the key's values: then a taken key makes the insert fail, and
    /// only then is the row looked for.
    /// </summary>
    public bool TryInsert<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        List<(string Column, object Value)> columns;

        // Whatever refuses the insert (a taken key, a lookup without target, a value too long), an existing row means the
        // caller updates it instead, exactly as when it looked first.
        try
        {
            columns = InsertColumnsOf(descriptor, entity);
            if (UniqueOnKey(table, keyPaths, keyValues, columns))
            {
                InsertColumns(table, columns);
                return true;
            }
        }
        catch (EnvironmentWriteException) when (FindRow(table, keyPaths, keyValues) is not null)
        {
            return false;
        }

        if (FindRow(table, keyPaths, keyValues) is not null)
        {
            return false;
        }

        InsertColumns(table, columns);
        return true;
    }

    private List<(string Column, object Value)> InsertColumnsOf<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var company = FindOwningCompany(table, descriptor, entity, existingRow: null);
        var columns = CollectColumns(descriptor, entity, table, descriptor.Properties, company, skipNulls: true);
        if (_schema.Side == Side.Dataverse && table.PrimaryKey.Count == 1 && columns.All(c => !string.Equals(c.Column, table.PrimaryKey[0], StringComparison.OrdinalIgnoreCase)))
        {
            columns.Add((table.PrimaryKey[0], NewId().ToString("D")));
        }

        return columns;
    }

    private void InsertColumns(TableSchema table, List<(string Column, object Value)> columns)
    {
        var command = new Statement { CommandText = InsertText(table, columns) };
        foreach (var (_, value) in columns)
        {
            command.Values.Add(value);
        }

        Execute(command, table);
        _log.Log(table, ChangeOperation.Insert, InsertedRow(table, columns), _origin);
    }

    // A pass inserts the same columns into a table for every change, and their names are the schema's own strings.
    private string InsertText(TableSchema table, List<(string Column, object Value)> columns)
    {
        foreach (var (known, text) in _insertTexts)
        {
            if (known.Length == columns.Count + 1 && ReferenceEquals(known[0], table.Name) && SameNames(known, columns))
            {
                return text;
            }
        }

        var names = string.Join(", ", columns.Select(c => SqliteLayout.Quote(c.Column)));
        var values = string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)));
        var created = $"INSERT INTO {SqliteLayout.Quote(table.Name)} ({names}) VALUES ({values})";
        _insertTexts.Add((columns.Select(c => c.Column).Prepend(table.Name).ToArray(), created));
        return created;
    }

    private static bool SameNames(string[] known, List<(string Column, object Value)> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (!ReferenceEquals(known[i + 1], columns[i].Column))
            {
                return false;
            }
        }

        return true;
    }

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
                expected = Resolve(path.Target, path.ResolveText!, SqliteValues.ToStorage(keyValues[i], path.Target, path.TargetColumn!));
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
                return SameStored(value is DBNull ? null : value, expected);
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
                plan[i] = new KeyLanding(column, null, null, null);
            }
            else if (segments.Count == 2 && table.FindLookup(segments[0]) is { } lookup && _schema.FindTable(lookup.TargetTable) is { } target
                && target.FindColumn(segments[1]) is { } targetColumn && table.FindColumn(lookup.ValueColumn) is { } valueColumn
                && KeysOf(target).Any(k => k.Count == 1 && string.Equals(k[0], targetColumn.Name, StringComparison.OrdinalIgnoreCase)))
            {
                var text = $"SELECT {SqliteLayout.Quote(target.PrimaryKey[0])} FROM {SqliteLayout.Quote(target.Name)} WHERE {SqliteLayout.Quote(targetColumn.Name)} = $p0 LIMIT 1";
                plan[i] = new KeyLanding(valueColumn, target, targetColumn, text);
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

    /// <summary>The looked-up row's id for a key value, read once per transaction until the table is written.</summary>
    private object? Resolve(TableSchema table, string text, object value)
    {
        var resolved = CacheOf(_referenced, table, StringComparer.Ordinal);

        // Its own entries: FindReferenced's carry the reason of a miss.
        var cacheKey = string.Concat("unique\0", text, "\0", Convert.ToString(value, CultureInfo.InvariantCulture));
        if (!resolved.TryGetValue(cacheKey, out var found))
        {
            var command = new Statement { CommandText = text };
            command.Values.Add(value);
            var id = Prepare(command).ExecuteScalar();
            found = (id is DBNull ? null : id, null);
            resolved.Add(cacheKey, found);
        }

        return found.Id;
    }

    public void Update<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var row = FindRow(table, keyPaths, keyValues)
            ?? throw new EnvironmentWriteException($"{table.Name} has no row with {Describe(keyPaths, keyValues)} to update.");
        var company = FindOwningCompany(table, descriptor, entity, row);
        var selected = descriptor.Properties.Where(p => properties.Contains(p.Name)).ToList();
        var columns = CollectColumns(descriptor, entity, table, selected, company, skipNulls: false);
        if (columns.Count == 0)
        {
            return;
        }

        var (updated, exact) = UpdatedRow(table, row, columns);
        if (exact && SameRow(table, row, updated))
        {
            // The triggers log no update that changes nothing, so neither is it written nor logged here.
            return;
        }

        var command = new Statement();
        var assignments = string.Join(", ", columns.Select(c => $"{SqliteLayout.Quote(c.Column)} = {Parameter(command, c.Value)}"));
        command.CommandText = $"UPDATE {SqliteLayout.Quote(table.Name)} SET {assignments} WHERE rowid = {Parameter(command, row[RowIdColumn])}";
        Execute(command, table);
        if (!exact)
        {
            updated = StoredRow(table, row[RowIdColumn]!);
            if (SameRow(table, row, updated))
            {
                return;
            }
        }

        _log.Log(table, ChangeOperation.Update, updated, _origin);
    }

    public bool Delete<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var row = FindRow(table, keyPaths, keyValues);
        if (row is null)
        {
            return false;
        }

        var command = new Statement();
        command.CommandText = $"DELETE FROM {SqliteLayout.Quote(table.Name)} WHERE rowid = {Parameter(command, row[RowIdColumn])}";
        Execute(command, table);
        _log.Log(table, ChangeOperation.Delete, InColumnOrder(table, row), _origin);
        return true;
    }

    public void SetOrigin(string? origin) => _origin = origin;

    /// <summary>
    /// A version-7 id: time-ordered, as Dataverse's own ids are, so new rows land at the end of the primary key's index
    /// instead of on random pages of it. Its random bits come from a buffer filled in one system call for many ids;
    /// <see cref="Guid.CreateVersion7()"/> makes one per id (about 0.5 us here).
    /// </summary>
    private Guid NewId()
    {
        if (_randomBytes is null || _randomUsed + 10 > _randomBytes.Length)
        {
            _randomBytes ??= new byte[640];
            RandomNumberGenerator.Fill(_randomBytes);
            _randomUsed = 0;
        }

        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(id, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16);
        _randomBytes.AsSpan(_randomUsed, 10).CopyTo(id[6..]);
        _randomUsed += 10;
        id[6] = (byte)(0x70 | (id[6] & 0x0F));
        id[8] = (byte)(0x80 | (id[8] & 0x3F));
        return new Guid(id, bigEndian: true);
    }

    public void Commit()
    {
        _transaction.Commit();
        _done = true;
    }

    public void Dispose()
    {
        if (!_done)
        {
            _transaction.Rollback();
            _done = true;
        }

        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var write in _writes.Values)
        {
            write.Dispose();
        }

        _log.Dispose();
        _transaction.Dispose();
        TriggersOn(_connection, on: true);
        _connection.Dispose();
    }

    private static void TriggersOn(SqliteConnection connection, bool on)
    {
        var code = SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, out var state);
        if (code != SQLitePCL.raw.SQLITE_OK || state != (on ? 1 : 0))
        {
            throw new InvalidOperationException($"SQLite did not turn triggers {(on ? "on" : "off")} (error {code}).");
        }
    }

    /// <summary>
    /// An inserted row as stored: the values written, and the columns' defaults for the rest. When SQLite would store a
    /// value differently from how it was given (a number into a text column), or a left-out column has no constant default,
    /// the row is read back instead.
    /// </summary>
    private object?[] InsertedRow(TableSchema table, List<(string Column, object Value)> columns)
    {
        var row = new object?[table.Columns.Count];
        var given = new bool[row.Length];
        var exact = true;
        foreach (var (name, value) in columns)
        {
            var ordinal = Ordinal(table, name);
            row[ordinal] = value is DBNull ? null : value;
            given[ordinal] = true;
            exact &= StoredAsGiven(table.Columns[ordinal], value);
        }

        for (var i = 0; i < row.Length && exact; i++)
        {
            if (!given[i])
            {
                row[i] = SqliteLayout.Default(_schema.Side, table, table.Columns[i]);
                exact &= !HasComputedDefault(table, table.Columns[i]);
            }
        }

        return exact ? row : StoredRow(table, SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle));
    }

    private (object?[] Row, bool Exact) UpdatedRow(TableSchema table, Dictionary<string, object?> before, List<(string Column, object Value)> columns)
    {
        var row = InColumnOrder(table, before);
        var exact = true;
        foreach (var (name, value) in columns)
        {
            var ordinal = Ordinal(table, name);
            row[ordinal] = value is DBNull ? null : value;
            exact &= StoredAsGiven(table.Columns[ordinal], value);
        }

        return (row, exact);
    }

    private object?[] StoredRow(TableSchema table, object rowId)
    {
        var command = new Statement();
        command.CommandText = $"SELECT * FROM {SqliteLayout.Quote(table.Name)} WHERE rowid = {Parameter(command, rowId)}";
        var row = ReadRows(Prepare(command)).FirstOrDefault()
            ?? throw new InvalidOperationException($"{table.Name} row {rowId} was written but cannot be read back.");
        return InColumnOrder(table, row);
    }

    private static object?[] InColumnOrder(TableSchema table, Dictionary<string, object?> row)
    {
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            row.TryGetValue(table.Columns[i].Name, out values[i]);
        }

        return values;
    }

    // An update whose columns all keep their stored values (compared as the triggers' IS NOT ... COLLATE BINARY does) changes nothing.
    private static bool SameRow(TableSchema table, Dictionary<string, object?> before, object?[] after)
    {
        for (var i = 0; i < after.Length; i++)
        {
            before.TryGetValue(table.Columns[i].Name, out var old);
            if (!SameStored(old, after[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameStored(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (long a, long b) => a == b,
        (long or double, long or double) => Convert.ToDouble(left, CultureInfo.InvariantCulture) == Convert.ToDouble(right, CultureInfo.InvariantCulture),
        _ => false,
    };

    // The column's declared type gives its affinity: a value of the matching kind is stored as it is.
    private static bool StoredAsGiven(ColumnSchema column, object value) => value switch
    {
        DBNull => true,
        string => column.Storage == StorageKind.Text || column.Storage == StorageKind.Blob,
        long => column.Storage == StorageKind.Integer || column.Storage == StorageKind.Blob,
        double => column.Storage == StorageKind.Real || column.Storage == StorageKind.Blob,
        byte[] => true,
        _ => false,
    };

    private bool HasComputedDefault(TableSchema table, ColumnSchema column) =>
        _schema.Side == Side.Dataverse && column.EdmType == "Edm.Guid" && table.PrimaryKey.Contains(column.Name);

    private int Ordinal(TableSchema table, string column)
    {
        if (!_ordinals.TryGetValue(table, out var ordinals))
        {
            ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                ordinals[table.Columns[i].Name] = i;
            }

            _ordinals.Add(table, ordinals);
        }

        return ordinals[column];
    }

    private object MaterializeRow(IEntityDescriptor descriptor, TableSchema table, IReadOnlyDictionary<string, object?> row, bool lenient)
    {
        var entity = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is { } reference)
            {
                var lookup = table.GetLookup(property.Name);
                if (!row.TryGetValue(lookup.ValueColumn, out var id) || id is null)
                {
                    continue;
                }

                var target = _schema.GetTable(lookup.TargetTable);
                var targetRow = ReadByPrimaryKey(target, id);
                if (targetRow is null)
                {
                    // A polymorphic lookup's value belongs to whichever of its tables holds that id.
                    if (lookup.IsPolymorphic || lenient)
                    {
                        continue;
                    }

                    throw new EnvironmentWriteException($"Lookup '{property.Name}' of {table.Name} points to {target.Name} row {id}, which does not exist.", WriteRefusal.MissingLookup);
                }

                property.SetValue(entity, MaterializeReference(reference, target, targetRow));
            }
            else
            {
                var column = table.GetColumn(property.Name);
                row.TryGetValue(column.Name, out var raw);
                property.SetValue(entity, SqliteValues.FromStorage(raw, property.ClrType));
            }
        }

        return entity;
    }

    private object MaterializeReference(IEntityDescriptor descriptor, TableSchema table, IReadOnlyDictionary<string, object?> row)
    {
        // A lookup's object carries the looked-up row's key columns only: that is what identifies it on either side.
        var keyColumns = KeysOf(table).SelectMany(k => k).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entity = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is { } nested)
            {
                if (table.FindLookup(property.Name) is { } lookup && keyColumns.Contains(lookup.ValueColumn)
                    && row.TryGetValue(lookup.ValueColumn, out var id) && id is not null
                    && ReadByPrimaryKey(_schema.GetTable(lookup.TargetTable), id) is { } nestedRow)
                {
                    property.SetValue(entity, MaterializeReference(nested, _schema.GetTable(lookup.TargetTable), nestedRow));
                }
            }
            else if (keyColumns.Contains(property.Name) && table.FindColumn(property.Name) is { } column)
            {
                row.TryGetValue(column.Name, out var raw);
                property.SetValue(entity, SqliteValues.FromStorage(raw, property.ClrType));
            }
        }

        return entity;
    }

    private List<(string Column, object Value)> CollectColumns(IEntityDescriptor descriptor, object entity, TableSchema table, IEnumerable<IEntityProperty> properties, OwningCompany? company, bool skipNulls)
    {
        var columns = new List<(string Column, object Value)>();
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties)
        {
            if (property.Reference is not null)
            {
                var lookup = table.GetLookup(property.Name);
                if (!written.Add(lookup.ValueColumn))
                {
                    continue;
                }

                // Every target of a polymorphic lookup is tried in the class's order; the first with a matching row binds.
                var candidates = lookup.IsPolymorphic
                    ? descriptor.Properties.Where(p => p.Reference is not null && table.FindLookup(p.Name)?.ValueColumn == lookup.ValueColumn).ToList()
                    : new List<IEntityProperty> { property };
                // The owning company was bound from this very lookup a moment ago.
                var id = company?.BoundFrom is { } bound && ReferenceEquals(bound, lookup)
                    ? company.Id
                    : BindLookup(table, lookup, candidates, entity, company);
                if (id is null && skipNulls)
                {
                    continue;
                }

                columns.Add((lookup.ValueColumn, id ?? DBNull.Value));
            }
            else
            {
                var column = table.GetColumn(property.Name);
                var value = property.GetValue(entity);
                if ((value is null && skipNulls) || !written.Add(column.Name))
                {
                    continue;
                }

                columns.Add((column.Name, SqliteValues.ToStorage(value, table, column)));
            }
        }

        return columns;
    }

    private object? BindLookup(TableSchema table, LookupSchema lookup, IReadOnlyList<IEntityProperty> candidates, object entity, OwningCompany? company)
    {
        var misses = new List<string>();
        foreach (var candidate in candidates)
        {
            var reference = candidate.GetValue(entity);
            if (reference is null || IsEmpty(candidate.Reference!, reference))
            {
                continue;
            }

            var target = _schema.GetTable(table.GetLookup(candidate.Name).TargetTable);
            var (id, miss) = FindReferenced(target, candidate.Reference!, reference, company);
            if (id is not null)
            {
                return id;
            }

            misses.Add(miss!);
        }

        return misses.Count == 0
            ? null
            : throw new EnvironmentWriteException($"Lookup '{lookup.Name}' of {table.Name} has no target: {string.Join("; ", misses)}.", WriteRefusal.MissingLookup);
    }

    private (object? Id, string? Miss) FindReferenced(TableSchema target, IEntityDescriptor descriptor, object reference, OwningCompany? company)
    {
        var keys = KeysOf(target);
        for (var keyIndex = 0; keyIndex < keys.Count; keyIndex++)
        {
            var key = keys[keyIndex];
            var conditions = new List<(string Column, object Value, string Text)>();
            foreach (var column in key)
            {
                var nestedLookups = target.Lookups.Where(l => string.Equals(l.ValueColumn, column, StringComparison.OrdinalIgnoreCase)).ToList();
                if (nestedLookups.Count > 0)
                {
                    var nested = NestedReferenceId(target, descriptor, reference, nestedLookups, company, out var miss);
                    if (miss is not null)
                    {
                        return (null, miss);
                    }

                    if (nested is null)
                    {
                        break;
                    }

                    conditions.Add(nested.Value);
                }
                else
                {
                    var value = descriptor.Properties.FirstOrDefault(p => p.Reference is null && string.Equals(p.Name, column, StringComparison.OrdinalIgnoreCase))?.GetValue(reference);
                    if (value is null)
                    {
                        break;
                    }

                    var schemaColumn = target.GetColumn(column);
                    conditions.Add((schemaColumn.Name, SqliteValues.ToStorage(value, target, schemaColumn), $"{schemaColumn.Name} = '{value}'"));
                }
            }

            if (conditions.Count != key.Count)
            {
                continue;
            }

            // The key's index and the values name the query, so a hit builds no SQL.
            var resolved = CacheOf(_referenced, target, StringComparer.Ordinal);
            var cacheKey = keyIndex.ToString(CultureInfo.InvariantCulture) + "\0" + string.Join("\0", conditions.Select(c => c.Value));
            if (!resolved.TryGetValue(cacheKey, out var found))
            {
                var command = new Statement();
                var where = string.Join(" AND ", conditions.Select(c => $"{SqliteLayout.Quote(c.Column)} = {Parameter(command, c.Value)}"));
                command.CommandText = $"SELECT {SqliteLayout.Quote(target.PrimaryKey[0])} FROM {SqliteLayout.Quote(target.Name)} WHERE {where} LIMIT 1";
                var id = Prepare(command).ExecuteScalar();
                found = id is null or DBNull
                    ? (null, $"no {target.Name} row with {string.Join(" and ", conditions.Select(c => c.Text))}")
                    : (id, null);
                resolved.Add(cacheKey, found);
            }

            return found;
        }

        return (null, $"the {target.Name} row is not identified: no alternate key of it is set completely");
    }

    private (string Column, object Value, string Text)? NestedReferenceId(TableSchema target, IEntityDescriptor descriptor, object reference, IReadOnlyList<LookupSchema> lookups, OwningCompany? company, out string? miss)
    {
        miss = null;
        foreach (var lookup in lookups)
        {
            var property = descriptor.Properties.FirstOrDefault(p => p.Reference is not null && string.Equals(p.Name, lookup.Name, StringComparison.OrdinalIgnoreCase));
            if (property?.GetValue(reference) is { } nested && !IsEmpty(property.Reference!, nested))
            {
                var (id, nestedMiss) = FindReferenced(_schema.GetTable(lookup.TargetTable), property.Reference!, nested, company);
                if (id is null)
                {
                    miss = nestedMiss;
                    return null;
                }

                return (lookup.ValueColumn, id, $"{lookup.Name} = {id}");
            }
        }

        // The company part of a company-specific table's key comes from the record's own company, as @odata.bind does.
        if (company is not null && string.Equals(lookups[0].ValueColumn, DataverseCompany.ValueColumn, StringComparison.OrdinalIgnoreCase))
        {
            return (lookups[0].ValueColumn, company.Id, $"{DataverseCompany.Lookup} = '{company.Label}'");
        }

        return null;
    }

    private OwningCompany? FindOwningCompany(TableSchema table, IEntityDescriptor descriptor, object entity, IReadOnlyDictionary<string, object?>? existingRow)
    {
        if (table.FindLookup(DataverseCompany.Lookup) is not { } lookup)
        {
            return null;
        }

        var property = descriptor.Properties.FirstOrDefault(p => p.Reference is not null && string.Equals(p.Name, lookup.Name, StringComparison.OrdinalIgnoreCase));
        if (property?.GetValue(entity) is { } reference && !IsEmpty(property.Reference!, reference))
        {
            var id = BindLookup(table, lookup, new[] { property }, entity, company: null)!;
            var code = property.Reference!.Properties.FirstOrDefault(p => p.Name == DataverseCompany.CodeColumn)?.GetValue(reference);
            return new OwningCompany(id, Convert.ToString(code, CultureInfo.InvariantCulture) ?? id.ToString()!, lookup);
        }

        return existingRow is not null && existingRow.TryGetValue(lookup.ValueColumn, out var existing) && existing is not null
            ? new OwningCompany(existing, existing.ToString()!, BoundFrom: null)
            : null;
    }

    private static bool IsEmpty(IEntityDescriptor descriptor, object reference) => LookupReferences.NamesNoRow(descriptor, reference);

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

        return ReadRows(Prepare(command)).FirstOrDefault();
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
        return $"{SqliteLayout.Quote(column.Name)} = {Parameter(command, null)}";
    }

    /// <summary>A looked-up row; callers only read it, since it is shared with later reads of the same row in the transaction.</summary>
    private Dictionary<string, object?>? ReadByPrimaryKey(TableSchema table, object id)
    {
        var rows = CacheOf(_rowsById, table, EqualityComparer<object>.Default);
        if (!rows.TryGetValue(id, out var row))
        {
            var command = new Statement();
            command.CommandText = $"SELECT * FROM {SqliteLayout.Quote(table.Name)} WHERE {SqliteLayout.Quote(table.PrimaryKey[0])} = {Parameter(command, id)} LIMIT 1";
            row = ReadRows(Prepare(command)).FirstOrDefault();
            rows.Add(id, row);
        }

        return row;
    }

    private static Dictionary<TKey, TValue> CacheOf<TKey, TValue>(Dictionary<string, Dictionary<TKey, TValue>> caches, TableSchema table, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        if (!caches.TryGetValue(table.Name, out var cache))
        {
            cache = new Dictionary<TKey, TValue>(comparer);
            caches.Add(table.Name, cache);
        }

        return cache;
    }

    // Every change is read through its image, so it is read forward once, without building a JSON document.
    private static Dictionary<string, object?> ParseImage(string image, int columns)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(image.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(image, buffer)));
            var row = new Dictionary<string, object?>(columns, StringComparer.OrdinalIgnoreCase);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A change image is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    row[name] = null;
                    continue;
                }

                row[name] = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => reader.TryGetInt64(out var integer) ? integer : reader.GetDouble(),
                    JsonTokenType.True => 1L,
                    JsonTokenType.False => 0L,
                    _ => null,
                };
            }

            return row;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static List<Dictionary<string, object?>> ReadRows(SqliteCommand command)
    {
        var rows = new List<Dictionary<string, object?>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Describe(IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues) =>
        string.Join(" and ", keyPaths.Select((path, i) => $"{path} = '{keyValues[i]}'"));

    /// <summary>Runs a write statement, prepared once per transaction (see <see cref="NativeStatement"/>).</summary>
    private void Execute(Statement statement, TableSchema table)
    {
        _referenced.Remove(table.Name);
        _rowsById.Remove(table.Name);
        if (!_writes.TryGetValue(statement.CommandText, out var write))
        {
            write = new NativeStatement(_connection, statement.CommandText);
            _writes.Add(statement.CommandText, write);

            // Values bind by position: the texts name their parameters $p0, $p1... in order of appearance.
            for (var i = 1; i <= write.ParameterCount; i++)
            {
                if (write.ParameterName(i) != "$p" + (i - 1).ToString(CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"Parameter {i} of '{statement.CommandText}' is not $p{i - 1}.");
                }
            }
        }

        for (var i = 0; i < statement.Values.Count; i++)
        {
            write.Bind(i + 1, statement.Values[i]);
        }

        try
        {
            write.Execute();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 19)
        {
            throw new EnvironmentWriteException($"{table.Name} refused the write: {exception.Message}", exception);
        }
    }

    private SqliteCommand Command(string text)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = text;
        return command;
    }

    private static string Parameter(Statement statement, object? value)
    {
        statement.Values.Add(value);
        return "$p" + (statement.Values.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The transaction's command for the statement's text, with the statement's values bound. A pass runs the same few
    /// statements for every change, and preparing one costs more than running it, so each text is prepared once per
    /// transaction.
    /// </summary>
    private SqliteCommand Prepare(Statement statement)
    {
        if (!_commands.TryGetValue(statement.CommandText, out var command))
        {
            command = Command(statement.CommandText);
            for (var i = 0; i < statement.Values.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
            }

            _commands.Add(statement.CommandText, command);
        }

        for (var i = 0; i < statement.Values.Count; i++)
        {
            command.Parameters[i].Value = statement.Values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>The company that owns a Dataverse row; <paramref name="BoundFrom"/> is the lookup it was bound from, when the entity carried it.</summary>
    private sealed record OwningCompany(object Id, string Label, LookupSchema? BoundFrom);

    /// <summary>Where a key path lands: a column of the table, or a lookup's column with the looked-up table's key column and the query that resolves it.</summary>
    private sealed record KeyLanding(ColumnSchema Column, TableSchema? Target, ColumnSchema? TargetColumn, string? ResolveText);

    /// <summary>The query that finds a row by key paths, and the column each path's value is stored in.</summary>
    private sealed record FindQuery(TableSchema Table, IReadOnlyList<KeyPath> KeyPaths, string Text, (TableSchema Table, ColumnSchema Column)[] Columns);

    /// <summary>A statement being built: its text and the values of its parameters <c>$p0</c>, <c>$p1</c>... in order.</summary>
    private sealed class Statement
    {
        public string CommandText { get; set; } = string.Empty;

        public List<object?> Values { get; } = new();
    }
}
