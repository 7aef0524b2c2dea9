using System.Collections.Generic;

namespace DualWrite.Runtime.Web.Live;

/// <summary>The overview's figures of one map, as the page shows them and the live updates send them.</summary>
/// <param name="Map">The map.</param>
/// <param name="State">Its state.</param>
/// <param name="Staged">Changes waiting in its staging queue.</param>
/// <param name="Errors">Entries in its error list.</param>
/// <param name="Behind">Changes of the change logs it has not dealt with yet (both sides).</param>
/// <param name="Age">How long the oldest change not yet synced has waited, in words ("12 s", "3 min"); "–" when caught up.</param>
/// <param name="Throughput">Changes written per bucket of <see cref="ThroughputMonitor.Bucket"/>, oldest first.</param>
internal sealed record MapFigures(string Map, string State, long Staged, long Errors, long Behind, string Age, IReadOnlyList<long> Throughput);
