using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Net;
using Npgsql;

namespace DualWrite.Runtime.Postgres;

/// <summary>
/// Where the state store lives, in each form the tool and the host accept: a <c>postgres://</c> URL or an Npgsql
/// connection string (<c>Host=…;Database=…;Password=…</c>) for PostgreSQL, otherwise a SQLite file path. The one place
/// that tells the forms apart and that shows a location without its secrets (<see cref="Redact"/>; a connection string
/// comes back with its keywords in lower case, as <see cref="DbConnectionStringBuilder"/> reads them).
/// </summary>
public static class StateLocation
{
    private const string Hidden = "***";

    /// <summary>Whether the location names a PostgreSQL database (a URL, or a connection string with a host) rather than a SQLite file.</summary>
    public static bool IsPostgres(string location) =>
        PostgresUrl.IsUrl(location) || (Keywords(location) is { } keywords && (keywords.ContainsKey("Host") || keywords.ContainsKey("Server")));

    /// <summary>The Npgsql connection string of a PostgreSQL location (<see cref="IsPostgres"/>).</summary>
    /// <exception cref="ArgumentException">The location is malformed or not PostgreSQL; the message shows it without its secrets.</exception>
    public static string ToConnectionString(string location)
    {
        if (PostgresUrl.IsUrl(location))
        {
            return PostgresUrl.ToConnectionString(location);
        }

        if (!IsPostgres(location))
        {
            throw new ArgumentException($"'{Redact(location)}' names no PostgreSQL database: give a postgres:// URL or a connection string with Host=.", nameof(location));
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(location).ConnectionString;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            throw new ArgumentException($"'{Redact(location)}': {exception.Message}", nameof(location), exception);
        }
    }

    /// <summary>
    /// The location for logs and messages: a URL's password and password query parameters, and a connection string's
    /// password keywords, become <c>***</c>; a file path comes back unchanged. Built from the parsed parts, so text the
    /// parser cannot place is hidden, never shown.
    /// </summary>
    public static string Redact(string location)
    {
        if (PostgresUrl.Parse(location) is { } url)
        {
            if (!url.IsWellFormed)
            {
                return url.Scheme + "://" + Hidden;
            }

            var credentials = url.User is null ? string.Empty : url.User + (url.Password is null ? string.Empty : ":" + Hidden) + "@";
            var port = url.Port is { } number ? ":" + number : string.Empty;
            var database = url.Database is null ? string.Empty : "/" + url.Database;
            var query = url.Query.Count == 0 ? string.Empty : "?" + string.Join("&", url.Query.Select(p => p.Key + "=" + (IsSecret(Uri.UnescapeDataString(p.Key)) ? Hidden : p.Value)));
            return $"{url.Scheme}://{credentials}{url.Host}{port}{database}{query}";
        }

        if (!location.Contains('=', StringComparison.Ordinal))
        {
            return location;
        }

        if (Keywords(location) is not { } keywords)
        {
            return Hidden;
        }

        return keywords.Keys.Cast<string>().Any(IsSecret)
            ? string.Join(";", keywords.Keys.Cast<string>().Select(key => key + "=" + (IsSecret(key) ? Hidden : keywords[key])))
            : location;
    }

    /// <summary>
    /// <paramref name="text"/> (a driver's message, say) with every secret of <paramref name="location"/> replaced by
    /// <c>***</c>, for messages that may quote what they were given.
    /// </summary>
    public static string HideSecrets(string text, string location)
    {
        foreach (var secret in Secrets(location).Where(s => s.Length > 0))
        {
            text = text.Replace(secret, Hidden, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The secrets of a location, as written and as unescaped.</summary>
    private static IEnumerable<string> Secrets(string location)
    {
        if (PostgresUrl.Parse(location) is { } url)
        {
            var written = url.Query.Where(p => IsSecret(Uri.UnescapeDataString(p.Key))).Select(p => p.Value).Append(url.Password).OfType<string>();
            return written.SelectMany(s => new[] { s, Uri.UnescapeDataString(s), WebUtility.UrlDecode(s) }).Distinct();
        }

        return Keywords(location) is { } keywords
            ? keywords.Keys.Cast<string>().Where(IsSecret).Select(key => keywords[key]?.ToString() ?? string.Empty)
            : Array.Empty<string>();
    }

    /// <summary>Npgsql's password keywords (<c>Password</c>, <c>PWD</c>, <c>SSL Password</c>) and anything else named like them.</summary>
    private static bool IsSecret(string keyword)
    {
        var name = keyword.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return name.Contains("password", StringComparison.OrdinalIgnoreCase) || name.Equals("pwd", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The location read as a connection string of keyword=value pairs; null when it is not one.</summary>
    private static DbConnectionStringBuilder? Keywords(string location)
    {
        if (!location.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return new DbConnectionStringBuilder { ConnectionString = location };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
