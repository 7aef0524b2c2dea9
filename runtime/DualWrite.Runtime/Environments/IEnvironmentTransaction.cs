using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Environments;

/// <summary>
/// Reads and writes rows of one environment inside one transaction. Rows are found by key paths (<see cref="KeyPath"/>,
/// split by the generated map): a property of the entity class (<c>accountnumber</c>) or a path through a lookup
/// (<c>msdyn_company.cdm_companycode</c>). The engine passes a map's own key path lists, the same instances every time,
/// so an environment may keep what it derives from a list (a query, an index) by the list's reference. Writes are
/// queued in the transaction (its own reads see them) and nothing is kept unless <see cref="CommitAsync"/> is called.
/// </summary>
public interface IEnvironmentTransaction : IDisposable
{
    /// <summary>The row a change recorded, as an entity: lookups filled with the looked-up rows' key columns.</summary>
    /// <exception cref="EnvironmentWriteException">A lookup points to a row that does not exist (except in a delete's image, where it reads as null).</exception>
    ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
        where T : class;

    /// <summary>The row whose key paths hold <paramref name="keyValues"/>, or null.</summary>
    ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// The rows of many keys, by the same key paths, in the order of <paramref name="keys"/> (null where there is none).
    /// The transaction's later finds of these keys are answered from what it read, its own writes still first. With
    /// <see cref="EnvironmentCapabilities.BatchFinds"/> this costs fewer round trips than a find per key.
    /// </summary>
    ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Every row of the entity class's table.</summary>
    ValueTask<IReadOnlyList<T>> QueryAsync<T>(EntityDescriptor<T> descriptor, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Creates a row from the entity's non-null properties; lookups bind by the looked-up table's alternate key.</summary>
    /// <exception cref="EnvironmentWriteException">A value does not fit its column, a lookup target is missing, or a key is taken.</exception>
    ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// Creates a row from the entity unless a row whose key paths hold <paramref name="keyValues"/> exists: then nothing is
    /// written and the result is false. Called only with <see cref="EnvironmentCapabilities.NativeTryInsert"/>.
    /// </summary>
    /// <exception cref="EnvironmentWriteException">As <see cref="InsertAsync{T}"/>, when no such row exists.</exception>
    ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Writes <paramref name="properties"/> of the entity onto the row found by its key; other columns are left alone.</summary>
    /// <exception cref="EnvironmentWriteException">A value does not fit its column or a lookup target is missing.</exception>
    ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Deletes the row found by its key; false when there is none.</summary>
    ValueTask<bool> DeleteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Records the writes that follow in the change log with <paramref name="origin"/> instead of the transaction's own.</summary>
    void SetOrigin(string? origin);

    /// <summary>Keeps the transaction's writes.</summary>
    ValueTask CommitAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the transaction's writes, except those the environment refuses one by one, which are returned instead of
    /// failing the commit: each write that carries one change (tagged by <see cref="SetOrigin"/>) is kept or refused on its
    /// own, and a refused write's later writes to the same row are refused behind it. An environment whose commit is all
    /// or nothing keeps everything and returns none, or throws, as <see cref="CommitAsync"/> does.
    /// </summary>
    /// <returns>The refused writes, in the order they were queued; empty when every write was kept.</returns>
    ValueTask<IReadOnlyList<RefusedWrite>> CommitRecordsAsync(CancellationToken cancellationToken);
}
