using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments;

/// <summary>
/// One side of a link as the engine sees it: a change log read in commit order and transactions that read and
/// write rows through the generated entity classes.
/// </summary>
public interface IDualWriteEnvironment : IDisposable
{
    /// <summary>The side the environment plays.</summary>
    Side Side { get; }

    /// <summary>A stable identity, stored with the link so a runtime never syncs a pair it was not linked to.</summary>
    string EnvironmentId { get; }

    /// <summary>The tables, as the schema lays them out.</summary>
    EnvironmentSchema Schema { get; }

    /// <summary>The sequence of the last change committed, or 0.</summary>
    long GetHead();

    /// <summary>The changes of <paramref name="entitySet"/> after <paramref name="afterSequence"/> up to and including <paramref name="throughSequence"/>, in order.</summary>
    IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence);

    /// <summary>
    /// The first changes of the range, in order, that <paramref name="origins"/> selects: up to <paramref name="limit"/>
    /// of them, so a large range is read a page at a time (the next page starts after the last sequence returned). An
    /// environment that cannot read part of a range returns all of it, which is what this default does.
    /// </summary>
    IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit)
    {
        var changes = ReadChanges(entitySet, afterSequence, throughSequence);
        if (origins == ChangeOrigins.All)
        {
            return changes;
        }

        var selected = new List<ChangeRecord>();
        foreach (var change in changes)
        {
            if (change.IsFromRuntime == (origins == ChangeOrigins.Runtime))
            {
                selected.Add(change);
            }
        }

        return selected;
    }

    /// <summary>
    /// The row's change logged last before <paramref name="beforeSequence"/> (its image is the row as it stood before the
    /// change at that sequence), or null when the log holds none or the environment cannot tell. The engine compares the
    /// two images to see which values a change altered; null makes it treat every value as altered.
    /// </summary>
    ChangeRecord? PreviousChange(string entitySet, string rowKey, long beforeSequence) => null;

    /// <summary>
    /// Counts the changes <see cref="ReadChanges(string, long, long)"/> would return. A pass that finds only the runtime's own writes (the
    /// echo of the previous pass) skips them without reading them; an environment that can count without reading says so
    /// by overriding this.
    /// </summary>
    ChangeCount CountChanges(string entitySet, long afterSequence, long throughSequence)
    {
        var changes = ReadChanges(entitySet, afterSequence, throughSequence);
        var ordinary = 0L;
        foreach (var change in changes)
        {
            ordinary += change.IsFromRuntime ? 0 : 1;
        }

        return new ChangeCount(changes.Count, ordinary);
    }

    /// <summary>
    /// Starts a transaction that holds the environment's write lock until it ends. Every write made in it is
    /// recorded in the change log with <paramref name="origin"/> (null: an ordinary writer's change).
    /// </summary>
    IEnvironmentTransaction BeginTransaction(string? origin);

    /// <summary>
    /// Streams the rows of the entity class's table ordered by <paramref name="keyPaths"/> (text, ignoring case, as
    /// <see cref="KeyOrder"/> compares), starting after the key <paramref name="after"/> when given. The rows are read
    /// from one snapshot and only one is held at a time, so a table of any size streams in flat memory.
    /// </summary>
    IEnumerable<KeyedRow<T>> ReadInKeyOrder<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<string>? after)
        where T : class;

    /// <summary>How many rows the entity set holds, for progress estimates.</summary>
    long CountRows(string entitySet);

    /// <summary>Makes sure the legal entities exist as company rows (Dataverse <c>cdm_companies</c>); nothing to do on F&amp;O.</summary>
    void EnsureCompanies(IReadOnlyCollection<string> companyCodes);
}
