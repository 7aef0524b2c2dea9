using System;
using Xunit;

namespace DualWrite.Runtime.Testing;

/// <summary>
/// A PostgreSQL state location in each form the tool and the host accept, each carrying a password marked
/// <see cref="Leak"/>, for the tests that check no output or log shows it (tests/DualWrite.Cli.Tests,
/// tests/DualWrite.Runtime.Hosting.Tests). The test clusters trust local connections, so the password is never checked.
/// </summary>
internal static class SecretStateLocations
{
    public const string Leak = "LEAK";

    /// <summary>A URL whose password holds an unencoded @, a URL with the password as a query parameter, an Npgsql connection string.</summary>
    public static TheoryData<string> Forms => new() { "url-with-at", "url-with-query-password", "keywords" };

    public static string Location(string form, int port, string database) => form switch
    {
        "url-with-at" => $"postgres://postgres:Xp@ss{Leak}1@127.0.0.1:{port}/{database}",
        "url-with-query-password" => $"postgres://postgres@127.0.0.1:{port}/{database}?Password={Leak}2&Timeout=5",
        "keywords" => $"Host=127.0.0.1;Port={port};Database={database};Username=postgres;Password={Leak}3",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };
}
