using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments;

/// <summary>
/// One side of a link as the engine sees it: a change log read in commit order and transactions that read and
/// write rows through the generated entity classes. Every member that may do I/O is asynchronous and takes the caller's
/// token; what the environment can do beyond the minimum it declares in <see cref="Capabilities"/>.
/// </summary>
public interface IDualWriteEnvironment : IDisposable
{
    /// <summary>The side the environment plays.</summary>
    Side Side { get; }

    /// <summary>A stable identity, stored with the link so a runtime never syncs a pair it was not linked to.</summary>
    string EnvironmentId { get; }

    /// <summary>The tables, as the schema lays them out.</summary>
    EnvironmentSchema Schema { get; }

    /// <summary>What the environment can do beyond the minimum; the engine calls no member whose ability is missing.</summary>
    EnvironmentCapabilities Capabilities { get; }

    /// <summary>The sequence of the last change committed, or 0.</summary>
    ValueTask<long> GetHeadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The first changes of <paramref name="entitySet"/> after <paramref name="afterSequence"/> up to and including
    /// <paramref name="throughSequence"/>, in order, that <paramref name="origins"/> selects: up to <paramref name="limit"/>
    /// of them, so a large range is read a page at a time (the next page starts after the last sequence returned).
    /// Without <see cref="EnvironmentCapabilities.ReadsByOrigin"/> only <see cref="ChangeOrigins.All"/> with no limit
    /// (<see cref="int.MaxValue"/>) is asked for.
    /// </summary>
    ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The row's change logged last before <paramref name="beforeSequence"/> (its image is the row as it stood before the
    /// change at that sequence), or null when the log holds none. Called only with <see cref="EnvironmentCapabilities.PreviousImages"/>.
    /// </summary>
    ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the changes of a range, and those of ordinary writers among them, without reading them. Called only with
    /// <see cref="EnvironmentCapabilities.NativeChangeCounts"/>.
    /// </summary>
    ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction. Every write made in it is recorded in the change log with <paramref name="origin"/> (null: an
    /// ordinary writer's change). Without <see cref="EnvironmentCapabilities.ConcurrentWriters"/> it holds the
    /// environment's write lock until it ends.
    /// </summary>
    ValueTask<IEnvironmentTransaction> BeginTransactionAsync(string? origin, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the rows of the entity class's table ordered by <paramref name="keyPaths"/> (text, ignoring case, as
    /// <see cref="KeyOrder"/> compares), starting after the key <paramref name="after"/> when given.
    /// </summary>
    IAsyncEnumerable<KeyedRow<T>> ReadInKeyOrderAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after, CancellationToken cancellationToken)
        where T : class;

    /// <summary>How many rows the entity set holds, for progress estimates.</summary>
    ValueTask<long> CountRowsAsync(string entitySet, CancellationToken cancellationToken);

    /// <summary>Makes sure the legal entities exist as company rows (Dataverse <c>cdm_companies</c>); nothing to do on F&amp;O.</summary>
    ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the environment which properties of <paramref name="entitySet"/>'s entity classes the maps read from its
    /// changes (none for a table they only write); what several calls declare adds up. An environment whose change feed
    /// reports the runtime's own writes without their origin (a service over HTTP) takes a row the runtime created back
    /// as that write only if the create wrote every column declared here and the row holds exactly the written values
    /// there: any other edit either changed a value a map reads or none that any map reads. The runtime declares its
    /// maps' reads when it is made.
    /// </summary>
    void DeclareReadProperties(string entitySet, IReadOnlyCollection<string> properties);
}
