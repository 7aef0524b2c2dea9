using System;
using System.Linq;
using System.Net;
using Npgsql;

namespace DualWrite.Runtime.Postgres;

/// <summary>
/// Reads <c>postgres://user:password@host:port/database?key=value</c> URLs (libpq's form, which Npgsql's connection strings
/// do not take) and shows them with the password hidden, for logs and messages.
/// </summary>
public static class PostgresUrl
{
    /// <summary>Whether <paramref name="location"/> is a PostgreSQL URL rather than a file path.</summary>
    public static bool IsUrl(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string for a URL; query parameters are passed on as connection-string keywords.</summary>
    /// <exception cref="ArgumentException">The URL is malformed; the message shows it without its password.</exception>
    public static string ToConnectionString(string url)
    {
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{Redact(url)}' is not a PostgreSQL URL of the form postgres://user:password@host:port/database.", nameof(url));
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new ArgumentException($"'{Redact(url)}' names no database; add it after the host: postgres://user:password@host:port/database.", nameof(url));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = Uri.UnescapeDataString(uri.Host), Database = database };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)))
        {
            try
            {
                builder[Uri.UnescapeDataString(pair[0])] = pair.Length == 2 ? WebUtility.UrlDecode(pair[1]) : string.Empty;
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException($"'{Redact(url)}': {exception.Message}", nameof(url), exception);
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>The location with any password replaced by <c>***</c>; a file path comes back unchanged.</summary>
    public static string Redact(string location)
    {
        if (!IsUrl(location))
        {
            return location;
        }

        var scheme = location.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = location.IndexOf('@', scheme);
        if (at < 0)
        {
            return location;
        }

        var colon = location.IndexOf(':', scheme);
        return colon >= 0 && colon < at ? location[..(colon + 1)] + "***" + location[at..] : location;
    }
}
