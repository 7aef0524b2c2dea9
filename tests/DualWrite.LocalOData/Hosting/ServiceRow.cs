using System;
using System.Collections.Generic;

namespace DualWrite.LocalOData.Hosting;

/// <summary>A row as a test sees it: property values as ODataLib types them (Guid, decimal, DateTimeOffset; enums as member names), its ETag and the service's last write time.</summary>
/// <param name="Values">Property name to value.</param>
/// <param name="ETag">The row's <c>@odata.etag</c>.</param>
/// <param name="Modified">When the service last wrote it.</param>
public sealed record ServiceRow(IReadOnlyDictionary<string, object?> Values, string ETag, DateTimeOffset Modified)
{
    /// <summary>The value of a property.</summary>
    public object? this[string property] => Values[property];
}
