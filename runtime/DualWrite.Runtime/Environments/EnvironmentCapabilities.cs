using System;

namespace DualWrite.Runtime.Environments;

/// <summary>
/// What an environment can do beyond the port's minimum. The engine chooses its path from these instead of calling
/// members that an environment can only emulate: a member whose ability is missing is never called.
/// </summary>
[Flags]
public enum EnvironmentCapabilities
{
    /// <summary>The minimum: every member without an ability of its own below.</summary>
    None = 0,

    /// <summary>
    /// <see cref="IEnvironmentTransaction.TryInsertAsync{T}"/> inserts without looking first (its unique keys tell a taken
    /// key). Without it the engine finds the row first and inserts or updates.
    /// </summary>
    NativeTryInsert = 1,

    /// <summary><see cref="IDualWriteEnvironment.CountChangesAsync"/> counts without reading the changes. Without it the engine reads the range and counts.</summary>
    NativeChangeCounts = 2,

    /// <summary>
    /// <see cref="IDualWriteEnvironment.ReadChangesAsync"/> selects by origin and stops at its limit. Without it the engine
    /// asks only for <see cref="ChangeOrigins.All"/> of a range and selects the changes itself.
    /// </summary>
    ReadsByOrigin = 4,

    /// <summary><see cref="IDualWriteEnvironment.PreviousChangeAsync"/> finds a row's earlier image. Without it every value of a change counts as altered.</summary>
    PreviousImages = 8,

    /// <summary>
    /// <see cref="IEnvironmentTransaction.FindManyAsync{T}"/> reads many keys in fewer round trips than one find each, so the
    /// engine gathers a page's keys before applying it. Without it the engine finds each row when it needs it.
    /// </summary>
    BatchFinds = 16,

    /// <summary>
    /// Transactions of several writers may be open at once (a service over HTTP). Without it a transaction holds the
    /// environment's write lock until it ends (SQLite's <c>BEGIN IMMEDIATE</c>), and a pass reads the heads under it.
    /// </summary>
    ConcurrentWriters = 32,
}
