using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;

namespace DualWrite.LocalServices;

/// <summary>
/// Starts both services, seeds them, prints "fo &lt;root&gt;", "dataverse &lt;root&gt;" and "ready", then answers commands on
/// stdin (<see cref="CommandLoop"/>) until stdin closes, SIGTERM or Ctrl+C; then stops both services and deletes their
/// temporary files. A class of its own (not top-level statements) so that the benchmarks, which reference this program
/// to have it in their output folder, see no second <c>Program</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(ServerArguments.Usage);
            return 0;
        }

        ServerArguments arguments;
        try
        {
            arguments = ServerArguments.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + ServerArguments.Usage);
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        await using var fo = await LocalODataService.StartFoAsync(arguments.FoOptions());
        await using var dataverse = await LocalODataService.StartDataverseAsync(arguments.DataverseOptions());
        var commands = new CommandLoop(fo, dataverse, Console.Out);
        foreach (var seed in arguments.Seeds)
        {
            var answer = await commands.AnswerAsync(seed.GetRawText());
            if (!answer.Contains("\"ok\":true", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync("Seeding failed: " + answer);
                return 1;
            }
        }

        Console.WriteLine($"fo {fo.ServiceRoot}");
        Console.WriteLine($"dataverse {dataverse.ServiceRoot}");
        Console.WriteLine("ready");
        try
        {
            await commands.RunAsync(Console.In, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // SIGTERM or Ctrl+C: stop as when stdin closes.
        }

        return 0;
    }
}
