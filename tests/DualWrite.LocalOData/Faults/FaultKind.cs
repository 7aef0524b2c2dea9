namespace DualWrite.LocalOData.Faults;

/// <summary>What an injected fault does to the request it hits.</summary>
public enum FaultKind
{
    /// <summary>Answers with a status (429 with <c>Retry-After</c>, 500, 503) without executing the request.</summary>
    Status,

    /// <summary>Holds the request for a while, then executes it and answers normally: a client that timed out meanwhile does not know it committed.</summary>
    Hang,

    /// <summary>Aborts the connection before executing the request.</summary>
    DropBeforeProcessing,

    /// <summary>Executes and commits the request (a whole <c>$batch</c> included), sends the status line and half the body, then aborts the connection.</summary>
    DropMidResponse,

    /// <summary>Fails the k-th operation of the first changeset of a <c>$batch</c>, so the changeset rolls back.</summary>
    FailChangesetOperation,

    /// <summary>Holds the request open, unexecuted, until the client aborts it; <see cref="FaultRule.ClientAborted"/> then completes.</summary>
    HoldUntilAborted,
}
