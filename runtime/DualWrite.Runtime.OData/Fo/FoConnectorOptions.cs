using System;
using System.Collections.Generic;
using DualWrite.Runtime.OData.Connector;

namespace DualWrite.Runtime.OData.Fo;

/// <summary>Options of the F&amp;O OData connector.</summary>
public sealed class FoConnectorOptions : ODataConnectorOptions
{
    /// <summary>Options whose pages are F&amp;O's largest, 10,000 rows, so a full read takes the fewest requests.</summary>
    public FoConnectorOptions() => PageSize = 10_000;

    /// <summary>
    /// The modified-time field polled for changes, per entity set (F&amp;O has no OData change tracking). An entity set
    /// without one has no change feed: its changes reach the runtime only through its API (<c>runtime.Save</c>).
    /// </summary>
    public IDictionary<string, string> ModifiedFields { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How far back each poll reaches before the last modified time seen: it covers clocks that differ between the
    /// application servers and rows committed late with an earlier stamp. Rows read again are recognised and skipped.
    /// </summary>
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether each poll also reads every key of the polled entity sets to find deleted rows, which a modified time
    /// cannot show. It costs a full key read per poll; without it deletes flow only through the runtime's API.
    /// </summary>
    public bool DetectDeletes { get; set; }
}
