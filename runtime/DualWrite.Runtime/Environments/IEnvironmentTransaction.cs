using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.Environments;

/// <summary>
/// Reads and writes rows of one environment inside one transaction. Rows are found by key paths: a property of the
/// entity class (<c>accountnumber</c>) or a path through a lookup (<c>msdyn_company.cdm_companycode</c>). Nothing is
/// kept unless <see cref="Commit"/> is called.
/// </summary>
public interface IEnvironmentTransaction : IDisposable
{
    /// <summary>The row a change recorded, as an entity: lookups filled with the looked-up rows' key columns.</summary>
    /// <exception cref="EnvironmentWriteException">A lookup points to a row that does not exist (except in a delete's image, where it reads as null).</exception>
    T Materialize<T>(EntityDescriptor<T> descriptor, ChangeRecord change)
        where T : class;

    /// <summary>The row whose key paths hold <paramref name="keyValues"/>, or null.</summary>
    T? Find<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class;

    /// <summary>
    /// Says which rows the <see cref="Find{T}"/>s that follow will ask for, by the same key paths, so a transaction whose
    /// every read is a round trip can read them together first and answer those finds from what it read (a key it found
    /// no row for answers null). The answers stay those of <see cref="Find{T}"/>: the transaction's own writes still
    /// win. By default nothing is read ahead: each find reads on its own.
    /// </summary>
    void Prefetch<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys)
        where T : class
    {
    }

    /// <summary>Whether <see cref="Prefetch{T}"/> reads anything: for a transaction that does not, callers need not gather keys.</summary>
    bool ReadsAhead => false;

    /// <summary>Every row of the entity class's table.</summary>
    IReadOnlyList<T> Query<T>(EntityDescriptor<T> descriptor)
        where T : class;

    /// <summary>Creates a row from the entity's non-null properties; lookups bind by the looked-up table's alternate key.</summary>
    /// <exception cref="EnvironmentWriteException">A value does not fit its column, a lookup target is missing, or a key is taken.</exception>
    void Insert<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class;

    /// <summary>
    /// Creates a row from the entity unless a row whose key paths hold <paramref name="keyValues"/> exists: then nothing is
    /// written and the result is false. The entity's own values at the key paths are <paramref name="keyValues"/>. An
    /// environment whose unique keys tell a taken key can insert without looking first, and says so by overriding this.
    /// </summary>
    /// <exception cref="EnvironmentWriteException">As <see cref="Insert{T}"/>, when no such row exists.</exception>
    bool TryInsert<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues, T entity)
        where T : class
    {
        if (Find(descriptor, keyPaths, keyValues) is not null)
        {
            return false;
        }

        Insert(descriptor, entity);
        return true;
    }

    /// <summary>Writes <paramref name="properties"/> of the entity onto the row found by its key; other columns are left alone.</summary>
    /// <exception cref="EnvironmentWriteException">A value does not fit its column or a lookup target is missing.</exception>
    void Update<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties)
        where T : class;

    /// <summary>Deletes the row found by its key; false when there is none.</summary>
    bool Delete<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class;

    /// <summary>Records the writes that follow in the change log with <paramref name="origin"/> instead of the transaction's own.</summary>
    void SetOrigin(string? origin);

    /// <summary>Keeps the transaction's writes.</summary>
    void Commit();
}
