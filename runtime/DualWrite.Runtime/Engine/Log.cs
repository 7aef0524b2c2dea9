using System;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.Engine;

/// <summary>The runtime's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Linked F&O {FoEnvironment} to Dataverse {DataverseEnvironment} with companies {Companies}")]
    public static partial void Linked(ILogger logger, string foEnvironment, string dataverseEnvironment, string companies);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Unlinked; cursors, map states and the error list were cleared")]
    public static partial void Unlinked(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Map {Map}: {Result}")]
    public static partial void PassCompleted(ILogger logger, string map, SyncResult result);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Map {Map}: {Operation} of record {RecordKey} from {Side} failed and heads the record's queue: {Reason}")]
    public static partial void ChangeFailed(ILogger logger, string map, string recordKey, string operation, Side side, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Map {Map}: record {RecordKey} changed on both sides; {Winner} wins by policy {Policy}")]
    public static partial void ConflictResolved(ILogger logger, string map, string recordKey, Side winner, ConflictPolicy policy);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Map {Map}: live write of record {RecordKey} refused: {Reason}")]
    public static partial void LiveWriteRefused(ILogger logger, string map, string recordKey, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "A sync pass failed; it is retried after the poll interval")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Map {Map} is now {State}")]
    public static partial void MapStateChanged(ILogger logger, string map, State.MapState state);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Alert for map {Map}: {Failures} {Kind} failures within {Window}; action {Action}: {Text}")]
    public static partial void AlertRaised(ILogger logger, string map, State.SyncErrorKind kind, int failures, TimeSpan window, Alerts.AlertAction action, string text);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Transient failure (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    public static partial void TransientFailure(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Map {Map}: environment unavailable after {Attempts} attempts: {Reason}")]
    public static partial void EnvironmentUnavailable(ILogger logger, string map, int attempts, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Map {Map}: error {Id} of record {RecordKey} is older than the retention of {Retention} and was discarded")]
    public static partial void ErrorExpired(ILogger logger, string map, string recordKey, long id, TimeSpan retention);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Host {HostId} lost partition {Partition} to another host during a pass; the pass's state update was dropped and the new owner takes over")]
    public static partial void PartitionLost(ILogger logger, string hostId, int partition);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Relinked: {Count} staged change(s) were dropped, as asked")]
    public static partial void StagedDropped(ILogger logger, long count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Map {Map} resumed without catch-up: {Count} change(s) were {Fate}")]
    public static partial void ResumedWithoutCatchUp(ILogger logger, string map, long count, string fate);
}
