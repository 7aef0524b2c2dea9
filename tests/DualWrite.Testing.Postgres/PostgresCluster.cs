using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Npgsql;

namespace DualWrite.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder, made with the machine's <c>initdb</c> and run with <c>pg_ctl</c> on a
/// free port, durability off (<c>fsync</c>), started on first use and stopped and deleted on dispose. Use it as an xunit
/// collection fixture and give each test class its own database (<see cref="CreateDatabase"/>).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string Superuser = "postgres";

    // PostgreSQL refuses to run as root; root (a container, CI) runs it as the OS user Debian's package creates.
    private const string ServiceAccount = "postgres";

    private readonly Lock _gate = new();
    private string? _folder;
    private int _port;

    /// <summary>The port the cluster listens on (127.0.0.1), once started.</summary>
    public int Port
    {
        get
        {
            EnsureStarted();
            return _port;
        }
    }

    /// <summary>Creates an empty database and returns it; dispose it to drop it.</summary>
    public PostgresDatabase CreateDatabase()
    {
        EnsureStarted();
        var name = "dw_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new PostgresDatabase(this, name);
    }

    /// <summary>An Npgsql connection string for a database of the cluster.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database, Timeout = 30 }.ToString();

    /// <summary>A <c>postgres://</c> URL for a database of the cluster, as the runtime's <c>--state</c> option takes it.</summary>
    public string Url(string database) => string.Create(CultureInfo.InvariantCulture, $"postgres://{Superuser}@127.0.0.1:{Port}/{database}");

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_folder is null)
            {
                return;
            }

            NpgsqlConnection.ClearAllPools();
            Run("pg_ctl", "stop", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w");
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }
    }

    private void EnsureStarted()
    {
        lock (_gate)
        {
            if (_folder is not null)
            {
                return;
            }

            if (PostgresBinaries.Folder is null)
            {
                throw new InvalidOperationException(PostgresBinaries.InstallHint + (PostgresBinaries.IsCi ? " CI=true, so the tests that need it fail instead of being skipped." : string.Empty));
            }

            var folder = Path.Combine(Path.GetTempPath(), "dualwrite-pg-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                if (Environment.IsPrivilegedProcess)
                {
                    Run("chown", "-R", ServiceAccount + ":", folder);
                }

                var data = Path.Combine(folder, "data");
                Run("initdb", "-D", data, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-sync", "--no-instructions");
                Start(folder, data);
                _folder = folder;
            }
            catch
            {
                Directory.Delete(folder, recursive: true);
                throw;
            }
        }
    }

    private void Start(string folder, string data)
    {
        // A port found free can be taken before the server binds it; a few attempts make that race harmless.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = string.Create(
                CultureInfo.InvariantCulture,
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
            try
            {
                Run("pg_ctl", "start", "-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60");
                _port = port;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string tool, params string[] arguments)
    {
        var executable = tool == "chown" ? "chown" : Path.Combine(PostgresBinaries.Folder!, tool);
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        if (Environment.IsPrivilegedProcess && tool != "chown")
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(ServiceAccount);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(executable);
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}
