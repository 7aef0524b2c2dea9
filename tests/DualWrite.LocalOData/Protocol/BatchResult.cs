using System.Collections.Generic;

namespace DualWrite.LocalOData.Protocol;

/// <summary>A <c>$batch</c>'s response and what happened to each of its operations.</summary>
/// <param name="Response">The multipart/mixed response (or the error that refused the whole batch).</param>
/// <param name="Operations">Each operation executed; those of a rolled-back changeset that had succeeded show 424 Failed Dependency.</param>
public sealed record BatchResult(ODataResponse Response, IReadOnlyList<BatchOperationLog> Operations);

/// <summary>One operation of a <c>$batch</c>, for the request log.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The path and query.</param>
/// <param name="Status">The status it answered with.</param>
public sealed record BatchOperationLog(string Method, string Url, int Status);
