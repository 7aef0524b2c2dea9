using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Passes;
using DualWrite.Runtime.Engine.WorkScopes;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>Runs one map; the typed implementation is made by <see cref="MapRunnerFactory"/> through the map's visitor.</summary>
internal interface IMapRunner
{
    IDualWriteMap Map { get; }

    /// <summary>Whether the map reads changes made on <paramref name="side"/> (its direction lets them flow).</summary>
    bool ReadsFrom(Side side);

    /// <summary>The side whose entity class is <paramref name="clrType"/>, or null.</summary>
    Side? SideOf(Type clrType);

    /// <summary>
    /// Syncs the changes of both change logs up to the heads that fall to this host in <paramref name="scope"/>; records
    /// what moves in <paramref name="update"/>. Returns where the step stopped when it stopped at its cap
    /// (<see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/>) before the head; null when it reached the heads.
    /// </summary>
    ValueTask<CapStop?> SyncAsync(IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, long foHead, long dataverseHead, StateUpdate update, SyncResult result, IPassScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Parks the changes of the last <see cref="SyncAsync"/> whose writes <paramref name="target"/> refused one by one at
    /// commit, each with its record's later changes of that pass, as if their apply had failed.
    /// </summary>
    void ParkRefused(Side target, IReadOnlyList<RefusedWrite> refused, StateUpdate update, SyncResult result);

    /// <summary>Writes a record just saved on <paramref name="side"/> to the other side; throws <see cref="DualWriteException"/> when it cannot.</summary>
    ValueTask ApplyLiveAsync(Side side, ChangeOperation operation, object entity, bool isNew, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken);

    /// <summary>The record key of an entity of <paramref name="side"/>'s class (its integration key, upper case).</summary>
    string RecordKeyOf(Side side, object entity);

    /// <summary>The record key a change belongs to (its integration key, upper case; the row's own key when the row cannot be read).</summary>
    ValueTask<string> RecordKeyOfAsync(ChangeRecord change, IEnvironmentTransaction source, CancellationToken cancellationToken);

    /// <summary>Whether one side's changes of a record (in order) alter any value the map carries: a side that altered none has not changed for the map.</summary>
    ValueTask<bool> ChangesMappedValuesAsync(IReadOnlyList<ChangeRecord> changes, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken);

    /// <summary>Applies a parked change again; record failures are thrown.</summary>
    ValueTask<ApplyOutcome> ReplayAsync(ChangeRecord change, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the record of a parked change as its source holds it now (its delete when the source no longer does);
    /// <paramref name="isNew"/> when the parked versions created it. Record failures are thrown.
    /// </summary>
    ValueTask<ApplyOutcome> ReplayFromSourceAsync(ChangeRecord latest, bool isNew, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken);
}
