using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands;
using DualWrite.Cli.Commands.Check;
using DualWrite.Cli.Commands.Errors;
using DualWrite.Cli.Commands.InitialSync;
using DualWrite.Cli.Commands.Link;
using DualWrite.Cli.Commands.MapStates;
using DualWrite.Cli.Commands.Status;

namespace DualWrite.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the tool with the given writers, so that tests and hosts can run it in-process.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parseResult = CreateRootCommand().Parse(args);
        // Set explicitly, since releases of System.CommandLine have differed on the default: without it, Ctrl+C would
        // kill an initial-sync run instead of letting it stop after its batch with the resume command printed.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(5) };
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);

        // System.CommandLine reports its parse errors with exit code 1, which here means "the maps have errors".
        return parseResult.Errors.Count > 0 ? ExitCodes.UsageError : exitCode;
    }

    /// <summary>Every command of the tool: each lives in its own folder under <c>Commands/</c> and is added here.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Dynamics 365 dual-write maps (.dwmap) and runtimes from the command line.")
        {
            CheckCommand.Create(),
            StatusCommand.Create(),
            InitialSyncCommand.Create(),
            Commands.Schema.SchemaPullCommand.Create(),
            Commands.Import.ImportCommand.Create(),
            Commands.Import.ExportCommand.Create(),
            Commands.Doctor.DoctorCommand.Create(),
        };
        foreach (var command in LinkCommands.Create().Concat(MapStateCommands.Create()).Concat(ErrorCommands.Create()))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
