using System;
using System.Collections.Generic;
using DualWrite.LocalOData.Protocol;

namespace DualWrite.LocalOData.Hosting;

/// <summary>One request a service received. Headers are not kept, so no token is ever logged.</summary>
/// <param name="Time">When it arrived.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The path and query, as sent.</param>
/// <param name="Status">The status answered, or 0 when the connection was dropped before a status line.</param>
/// <param name="Fault">The fault injected into it, if any.</param>
/// <param name="BatchOperations">For a <c>$batch</c>, each operation executed.</param>
public sealed record RequestLogEntry(DateTimeOffset Time, string Method, string Url, int Status, Faults.FaultKind? Fault, IReadOnlyList<BatchOperationLog> BatchOperations);
