using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Npgsql;

namespace DualWrite.Runtime.Postgres;

/// <summary>
/// Reads <c>postgres://user:password@host:port/database?key=value</c> URLs (libpq's form, which Npgsql's connection strings
/// do not take). <see cref="StateLocation.Redact"/> shows them without their secrets.
/// </summary>
public static class PostgresUrl
{
    /// <summary>Whether <paramref name="location"/> is a PostgreSQL URL rather than a file path or a connection string.</summary>
    public static bool IsUrl(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string for a URL; query parameters are passed on as connection-string keywords.</summary>
    /// <exception cref="ArgumentException">The URL is malformed; the message shows it without its secrets.</exception>
    public static string ToConnectionString(string url)
    {
        if (Parse(url) is not { Host.Length: > 0 } parts || !parts.IsWellFormed)
        {
            throw new ArgumentException($"'{StateLocation.Redact(url)}' is not a PostgreSQL URL of the form postgres://user:password@host:port/database.", nameof(url));
        }

        var database = Uri.UnescapeDataString(parts.Database ?? string.Empty);
        if (database.Length == 0)
        {
            throw new ArgumentException($"'{StateLocation.Redact(url)}' names no database; add it after the host: postgres://user:password@host:port/database.", nameof(url));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = Uri.UnescapeDataString(parts.Host), Database = database };
        if (parts.Port is { } port)
        {
            builder.Port = port;
        }

        if (parts.User is { Length: > 0 } user)
        {
            builder.Username = Uri.UnescapeDataString(user);
        }

        if (parts.Password is { } password)
        {
            builder.Password = Uri.UnescapeDataString(password);
        }

        foreach (var (key, value) in parts.Query)
        {
            try
            {
                builder[Uri.UnescapeDataString(key)] = value is null ? string.Empty : WebUtility.UrlDecode(value);
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException($"'{StateLocation.Redact(url)}': {exception.Message}", nameof(url), exception);
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The URL's parts as written (not yet unescaped); null when it is not a PostgreSQL URL. The user information runs to
    /// the last <c>@</c> before the query, so a password with an unencoded <c>@</c> (or <c>/</c>) is still read whole;
    /// the query starts at the first <c>?</c> after the path's <c>/</c>.
    /// </summary>
    internal static Parts? Parse(string url)
    {
        if (!IsUrl(url))
        {
            return null;
        }

        var scheme = url[..url.IndexOf("://", StringComparison.Ordinal)];
        var rest = url[(scheme.Length + 3)..];
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var queryStart = rest.IndexOf('?', Math.Max(firstSlash, 0));
        var beforeQuery = queryStart < 0 ? rest : rest[..queryStart];
        var at = beforeQuery.LastIndexOf('@');
        string? user = null, password = null;
        if (at >= 0)
        {
            var userInfo = beforeQuery[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            (user, password) = colon < 0 ? (userInfo, null) : (userInfo[..colon], userInfo[(colon + 1)..]);
        }

        var location = beforeQuery[(at + 1)..];
        var slash = location.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash < 0 ? location : location[..slash];
        var database = slash < 0 ? null : location[(slash + 1)..];
        var portColon = hostPort.LastIndexOf(':');
        var host = portColon < 0 || hostPort.EndsWith(']') ? hostPort : hostPort[..portColon];
        var portText = host.Length == hostPort.Length ? null : hostPort[(portColon + 1)..];
        int? port = int.TryParse(portText, out var number) && number is > 0 and <= 65535 ? number : null;
        var query = queryStart < 0 ? string.Empty : rest[(queryStart + 1)..];
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: p[0], Value: p.Length == 2 ? p[1] : null))
            .ToList();
        var wellFormed = (portText is null || port is not null) && host.IndexOfAny(['@', '?', ' ']) < 0 && pairs.All(p => p.Value is not null);
        return new Parts(scheme, user, password, host, port, database, pairs, wellFormed);
    }

    /// <summary>A URL's parts as written; <see cref="IsWellFormed"/> is false when a part cannot be what it stands for.</summary>
    internal sealed record Parts(
        string Scheme, string? User, string? Password, string Host, int? Port, string? Database, IReadOnlyList<(string Key, string? Value)> Query, bool IsWellFormed);
}
