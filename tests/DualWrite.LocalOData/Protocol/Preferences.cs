using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DualWrite.LocalOData.Protocol;

/// <summary>The <c>Prefer</c> header's preferences the services honour.</summary>
public sealed record Preferences(int? MaxPageSize, bool TrackChanges, bool ReturnRepresentation, bool ContinueOnError)
{
    /// <summary>Parses a <c>Prefer</c> header (comma-separated preferences, values after <c>=</c>).</summary>
    public static Preferences Parse(string? header)
    {
        var items = (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0].ToLowerInvariant(), p => p.Length > 1 ? p[1].Trim('"') : "", StringComparer.Ordinal);
        int? maxPageSize = items.TryGetValue("odata.maxpagesize", out var size) && int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : null;
        return new Preferences(
            maxPageSize,
            items.ContainsKey("odata.track-changes"),
            items.GetValueOrDefault("return") == "representation",
            items.ContainsKey("odata.continue-on-error"));
    }

    /// <summary>The <c>Preference-Applied</c> header for the preferences a read honoured.</summary>
    public string? AppliedToRead(int pageSize)
    {
        var applied = new List<string>();
        if (MaxPageSize is not null)
        {
            applied.Add($"odata.maxpagesize={pageSize}");
        }

        if (TrackChanges)
        {
            applied.Add("odata.track-changes");
        }

        return applied.Count == 0 ? null : string.Join(",", applied);
    }
}
