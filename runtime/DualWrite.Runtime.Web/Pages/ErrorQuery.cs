using System;
using DualWrite.Runtime.State;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>The error list's filter as the page's query string and forms carry it (map, kind, key).</summary>
internal static class ErrorQuery
{
    public static ErrorFilter From(Func<string, string?> value) =>
        new(Blank(value("map")), Blank(value("key")))
        {
            Kind = Enum.TryParse<SyncErrorKind>(value("kind"), out var kind) ? kind : null,
        };

    public static ErrorFilter From(IFormCollection form) => From(name => form[name].ToString());

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
