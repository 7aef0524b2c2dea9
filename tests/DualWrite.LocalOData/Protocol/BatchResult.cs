using System.Collections.Generic;

namespace DualWrite.LocalOData.Protocol;

/// <summary>A <c>$batch</c>'s response and what happened to each of its operations.</summary>
/// <param name="Response">The multipart/mixed response (or the error that refused the whole batch).</param>
/// <param name="Operations">Each operation executed; those of a rolled-back changeset that had succeeded show 424 Failed Dependency.</param>
public sealed record BatchResult(ODataResponse Response, IReadOnlyList<BatchOperationLog> Operations);
