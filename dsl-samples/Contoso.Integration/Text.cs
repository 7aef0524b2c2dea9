using System.Globalization;

namespace Contoso.Integration;

/// <summary>Conversions the maps name with <c>via</c>.</summary>
public static class Text
{
    /// <summary>City names as both systems' users expect them: "NEW YORK" and "new york" both become "New York".</summary>
    public static string? TitleCase(string? value) =>
        value is null ? null : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value.ToLowerInvariant());
}
