using System;
using System.Collections.Generic;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State.History;

namespace DualWrite.Runtime.State;

/// <summary>
/// Pages of the state store's long lists, for operations tools such as the web page: each page is one query over an
/// index that starts after the last id of the previous page (keyset paging), so a page costs the same on the first page
/// of a million rows as on the last, and nothing is read whole. <see cref="DbStateStore"/> implements it.
/// </summary>
public interface IStatePages
{
    /// <summary>At most <paramref name="limit"/> error-list entries <paramref name="filter"/> selects whose id is above <paramref name="afterId"/>, oldest first.</summary>
    IReadOnlyList<SyncError> GetErrorPage(ErrorFilter filter, long afterId, int limit);

    /// <summary>How many error-list entries <paramref name="filter"/> selects.</summary>
    long CountErrors(ErrorFilter filter);

    /// <summary>
    /// At most <paramref name="limit"/> changes of the map's staging queue whose id is above <paramref name="afterId"/>, in
    /// staging order; with <paramref name="recordKey"/>, only that record's (compared ignoring case).
    /// </summary>
    IReadOnlyList<StagedChange> GetStagedPage(string map, string? recordKey, long afterId, int limit);

    /// <summary>At most <paramref name="limit"/> entries of a record's history whose id is above <paramref name="afterId"/>, in the order they happened.</summary>
    IReadOnlyList<RecordEvent> GetRecordHistory(string map, string recordKey, long afterId, int limit);

    /// <summary>Removes the history entries recorded before <paramref name="recordedBefore"/>; returns how many.</summary>
    int PurgeHistory(DateTimeOffset recordedBefore);

    /// <summary>
    /// At most <paramref name="limit"/> errors of an initial-sync run whose id is above <paramref name="afterId"/>, oldest
    /// first; with <paramref name="map"/>, only that map's; with <paramref name="company"/>, only the rows of that legal
    /// entity (compared ignoring case; the empty company selects the rows of maps not striped by company).
    /// </summary>
    IReadOnlyList<InitialSyncError> GetInitialSyncErrorPage(string runId, string? map, string? company, long afterId, int limit);

    /// <summary>
    /// An initial-sync run's failed rows counted per map and legal entity, in one query: a row counts for the company of
    /// <paramref name="companies"/> its integration key starts with (<c>USMF|…</c>), otherwise for the empty company.
    /// </summary>
    IReadOnlyList<InitialSyncErrorCount> CountInitialSyncErrors(string runId, IReadOnlyList<string> companies);
}
