using System;
using System.Collections.Generic;
using DualWrite.Runtime.Link;

namespace DualWrite.Runtime.State;

/// <summary>
/// Where the runtime keeps its state: the link, map states, a cursor per (map, side), the record queues whose
/// failed heads form the error list, and the staging queues of paused maps. SQLite by default (<see cref="SqliteStateStore"/>).
/// </summary>
public interface IStateStore : IDisposable
{
    /// <summary>The link, or null when the environments are not linked.</summary>
    EnvironmentLink? GetLink();

    /// <summary>Stores the link; null unlinks.</summary>
    void SetLink(EnvironmentLink? link);

    /// <summary>Clears map states, cursors, record queues (the error list) and staging queues; the link is kept.</summary>
    void Reset();

    /// <summary>
    /// The first link: when the store holds no link, clears what <see cref="Reset"/> clears, applies <paramref name="start"/>
    /// (the maps' cursors at the heads) and stores <paramref name="link"/>. When it holds one, nothing changes. A store
    /// several hosts share does this in one transaction, so that of hosts starting together on a new store one links and
    /// the others find its link; this default runs the steps one after another, which serves a store of one host.
    /// </summary>
    /// <returns>Null when <paramref name="link"/> was stored; otherwise the link the store held, untouched.</returns>
    EnvironmentLink? LinkIfUnlinked(EnvironmentLink link, StateUpdate start)
    {
        if (GetLink() is { } existing)
        {
            return existing;
        }

        Reset();
        Apply(start);
        SetLink(link);
        return null;
    }

    /// <summary>The map's state (<see cref="MapState.Running"/> unless set).</summary>
    MapState GetMapState(string map);

    /// <summary>Sets the map's state; any state but <see cref="MapState.Stopped"/> clears the stop reason.</summary>
    void SetMapState(string map, MapState state);

    /// <summary>Why the map was stopped, or null when nothing recorded a reason (or the map has run since).</summary>
    /// <remarks>A store made before stop reasons existed records none.</remarks>
    MapStopReason? GetStopReason(string map);

    /// <summary>Records why the map was stopped; null clears it.</summary>
    void SetStopReason(string map, MapStopReason? reason);

    /// <summary>The last sequence of <paramref name="side"/>'s change log the map has dealt with, or null before the link set it.</summary>
    long? GetCursor(string map, Side side);

    /// <summary>Every cursor, by map and side: the maps the store has seen, for tools that run without the generated maps.</summary>
    IReadOnlyList<CursorMove> GetCursors();

    /// <summary>The records of the map whose queue is not empty: their new changes wait behind the failed head.</summary>
    IReadOnlyCollection<string> GetBlockedRecords(string map);

    /// <summary>The error list: the failed head of every record queue, oldest first.</summary>
    IReadOnlyList<SyncError> GetErrors();

    /// <summary>A record's queue, head first.</summary>
    IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey);

    /// <summary>The queue entry of that id, or null.</summary>
    PendingChange? GetPendingChange(long id);

    /// <summary>The error list entries <paramref name="filter"/> selects, oldest first.</summary>
    IReadOnlyList<SyncError> GetErrors(ErrorFilter filter);

    /// <summary>The head of the map's staging queue: at most <paramref name="limit"/> changes, in staging order.</summary>
    IReadOnlyList<StagedChange> ReadStaged(string map, int limit);

    /// <summary>How many changes wait in the map's staging queue.</summary>
    long CountStaged(string map);

    /// <summary>Every staged change of one record, in staging order.</summary>
    IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey);

    /// <summary>The staged changes that carry <paramref name="side"/>'s change-log entries <paramref name="fromSequence"/> through <paramref name="throughSequence"/>, in staging order.</summary>
    IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence);

    /// <summary>Applies an update atomically.</summary>
    void Apply(StateUpdate update);
}
