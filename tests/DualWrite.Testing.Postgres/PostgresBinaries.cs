using System;
using System.IO;
using System.Linq;

namespace DualWrite.Testing.Postgres;

/// <summary>Finds the machine's PostgreSQL server binaries: on PATH first, then Debian's /usr/lib/postgresql/&lt;version&gt;/bin, newest version first.</summary>
public static class PostgresBinaries
{
    /// <summary>What to tell a developer whose machine lacks the binaries.</summary>
    public const string InstallHint = "PostgreSQL's server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin; install them with `apt-get install postgresql`.";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The folder holding initdb and pg_ctl, or null when the machine has none.</summary>
    public static string? Folder => Found.Value;

    /// <summary>Whether a CI run is under way (<c>CI=true</c>): there, missing binaries fail the tests instead of skipping them.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServer(folder))
            {
                // A symlink on PATH (Debian links some of them into /usr/bin) points at the folder with the rest of the server.
                var initdb = new FileInfo(Path.Combine(folder, "initdb"));
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
                var real = target is null ? folder : Path.GetDirectoryName(target.FullName)!;
                return HasServer(real) ? real : folder;
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }

        return Directory.GetDirectories(debian)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : 0, Bin: Path.Combine(version, "bin")))
            .OrderByDescending(v => v.Version)
            .Select(v => v.Bin)
            .FirstOrDefault(HasServer);
    }

    private static bool HasServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")) && File.Exists(Path.Combine(folder, "postgres"));
}
