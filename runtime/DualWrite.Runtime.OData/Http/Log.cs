using System;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.OData.Http;

/// <summary>The connectors' log messages. None carries a header, so no token reaches a log.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "{Method} {Path} answered {Outcome}; retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string method, string path, string outcome, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The answer to a request of {Operations} writes was lost ({Reason}); checking what the service applied before resending")]
    public static partial void BatchOutcomeUnknown(ILogger logger, int operations, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "A request of {Operations} writes whose answer was lost was applied already; it is not sent again")]
    public static partial void ChangesetAlreadyApplied(ILogger logger, int operations);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Sent {Operations} writes to {Path}")]
    public static partial void BatchSent(ILogger logger, int operations, string path);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Reading {Keys} {EntitySet} rows ahead was refused ({Reason}); each is read on its own")]
    public static partial void PrefetchRefused(ILogger logger, string entitySet, int keys, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Reading {EntitySet} rows ahead in one $batch of {Queries} queries failed ({Reason}); each query is sent on its own")]
    public static partial void QueryBatchRefused(ILogger logger, string entitySet, int queries, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Read {Changes} changes of {EntitySet}")]
    public static partial void ChangesRead(ILogger logger, int changes, string entitySet);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "{EntitySet} does not take bulk messages (answered {Status}); its writes go as $batch changesets")]
    public static partial void BulkUnsupported(ILogger logger, string entitySet, int status);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "The service refused a write of {Writes}: {Reason}")]
    public static partial void WriteIsolated(ILogger logger, string writes, string reason);
}
