using System.Collections.Generic;

namespace DualWrite.Runtime.InitialSync;

/// <summary>Where initial-sync runs keep their plan, their checkpoints and their error list. <see cref="State.SqliteStateStore"/> implements it.</summary>
public interface IInitialSyncStore
{
    /// <summary>Stores a new run.</summary>
    void CreateRun(InitialSyncRun run);

    /// <summary>The run of that id, or null.</summary>
    InitialSyncRun? GetRun(string runId);

    /// <summary>Every run, newest first.</summary>
    IReadOnlyList<InitialSyncRun> GetRuns();

    /// <summary>Sets a run's status; a finished status also sets its finishing time.</summary>
    void SetRunStatus(string runId, InitialSyncRunStatus status);

    /// <summary>A step's checkpoint with its counts, those per legal entity included, or null before the step started.</summary>
    InitialSyncCheckpoint? GetCheckpoint(string runId, string map, InitialSyncPass pass);

    /// <summary>Stores a step's checkpoint (its counts per legal entity included) together with the rows that failed since the previous one, atomically.</summary>
    void SaveCheckpoint(InitialSyncCheckpoint checkpoint, IReadOnlyList<InitialSyncFailure> failures);

    /// <summary>The run's error list, oldest first.</summary>
    IReadOnlyList<InitialSyncError> GetErrors(string runId);

    /// <summary>The stored integration key of an error (company, then values), for a rerun.</summary>
    IntegrationKey GetErrorKey(long errorId);

    /// <summary>Removes an error whose row a rerun wrote.</summary>
    void RemoveError(long errorId);

    /// <summary>Records that an error's row failed again, with the new reason.</summary>
    void UpdateError(long errorId, string reason);

    /// <summary>Sets every error of the run aside (a rerun skipping errors).</summary>
    void SkipErrors(string runId);
}
