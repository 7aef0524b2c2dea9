using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// The local F&amp;O and Dataverse services (bench/DualWrite.LocalServices) in a child process: started with its command
/// line, waited for until it prints its addresses and "ready", sent commands on its stdin (one JSON line each, answered
/// by one), and stopped by closing its stdin. The benchmark's process is then the client alone.
/// </summary>
internal sealed class LocalServicesProcess : IAsyncDisposable
{
    /// <summary>The first user's token; user n (from 2) is <c>Token-n</c>.</summary>
    public const string Token = "bench-token";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(30);
    private readonly Process process;
    private readonly SemaphoreSlim exchange = new(1, 1);

    private LocalServicesProcess(Process process) => this.process = process;

    public Uri FoRoot { get; private set; } = null!;

    public Uri DataverseRoot { get; private set; } = null!;

    /// <summary>Starts the services with <paramref name="arguments"/> (see <c>DualWrite.LocalServices --help</c>) and waits until they are ready; seeding happens before that.</summary>
    public static async Task<LocalServicesProcess> StartAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DualWrite.LocalServices.dll"));
        start.ArgumentList.Add("--token");
        start.ArgumentList.Add(Token);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var services = new LocalServicesProcess(Process.Start(start) ?? throw new InvalidOperationException("The local services did not start."));
        services.process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("[local services] " + e.Data);
            }
        };
        services.process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            while (await services.process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && line != "ready")
            {
                if (line.StartsWith("fo ", StringComparison.Ordinal))
                {
                    services.FoRoot = new Uri(line[3..]);
                }
                else if (line.StartsWith("dataverse ", StringComparison.Ordinal))
                {
                    services.DataverseRoot = new Uri(line["dataverse ".Length..]);
                }
            }

            if (services.FoRoot is null || services.DataverseRoot is null)
            {
                throw new InvalidOperationException($"The local services exited (code {(services.process.HasExited ? services.process.ExitCode : -1)}) before they were ready.");
            }

            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command (serialized to JSON) and returns its answer; a refused command throws with the service's reason.</summary>
    public async Task<JsonElement> SendAsync(object command)
    {
        await exchange.WaitAsync();
        try
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
            await process.StandardInput.FlushAsync();
            var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The local services exited.");
            var answer = JsonDocument.Parse(line).RootElement.Clone();
            return answer.GetProperty("ok").GetBoolean() ? answer : throw new InvalidOperationException("The local services refused a command: " + answer.GetProperty("error").GetString());
        }
        finally
        {
            exchange.Release();
        }
    }

    /// <summary>Closes the services' stdin, which stops them, and waits; kills them if they do not stop within a minute.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        exchange.Dispose();
    }
}
