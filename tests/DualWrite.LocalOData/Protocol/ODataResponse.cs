using System;
using System.Collections.Generic;

namespace DualWrite.LocalOData.Protocol;

/// <summary>A response, complete in memory so a fault can cut it anywhere and a <c>$batch</c> can embed it.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Headers">The response headers, <c>Content-Type</c> included.</param>
/// <param name="Body">The body, empty if none.</param>
public sealed record ODataResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>A response with no body.</summary>
    public static ODataResponse Empty(int status, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), Array.Empty<byte>());

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;
}
