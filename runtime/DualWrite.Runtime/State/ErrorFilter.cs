using System;

namespace DualWrite.Runtime.State;

/// <summary>Selects entries of the error list; a null part selects everything.</summary>
/// <param name="Map">The map's name.</param>
/// <param name="RecordKey">The record's integration key (compared ignoring case).</param>
/// <param name="LastFailedBefore">Only entries whose last failure is older.</param>
public sealed record ErrorFilter(string? Map = null, string? RecordKey = null, DateTimeOffset? LastFailedBefore = null)
{
    /// <summary>Only entries of this kind of failure; null selects every kind.</summary>
    public SyncErrorKind? Kind { get; init; }

    /// <summary>Every entry.</summary>
    public static ErrorFilter All { get; } = new();
}
