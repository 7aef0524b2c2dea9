using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using DualWrite.Runtime;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;
using Npgsql;

namespace DualWrite.Cli.Commands.Link;

/// <summary>
/// The options every runtime command takes (the state store, the two embedded environments and the maps' assembly) and
/// what they open. Commands that apply changes need the maps (<c>--maps</c>); the others take them to know maps that have
/// not run yet, and otherwise know the maps the state store has seen from their cursors. The runtime is built here only,
/// from the assembly's full definition, so no command runs maps without their number sequences.
/// </summary>
internal sealed class Linked : IDisposable
{
    private Linked(EmbeddedEnvironment fo, EmbeddedEnvironment dataverse, IStateStore state, DualWriteMapSet? maps)
    {
        Fo = fo;
        Dataverse = dataverse;
        State = state;
        Maps = maps;
    }

    public EmbeddedEnvironment Fo { get; }

    public EmbeddedEnvironment Dataverse { get; }

    public IStateStore State { get; }

    /// <summary>The maps of <c>--maps</c>; null when the command was not given them.</summary>
    public DualWriteMapSet? Maps { get; }

    /// <summary>The options; with <paramref name="mapsRequired"/> the command applies changes and cannot run without the maps.</summary>
    public static Options CreateOptions(bool mapsRequired = false) => new(
        new Option<string>("--state") { Description = "The state store: a SQLite database file, or PostgreSQL as postgres://user:password@host:port/database or Host=...;Database=...;Username=...;Password=...", Required = true },
        new Option<string>("--fo") { Description = "The F&O environment's SQLite database.", Required = true },
        new Option<string>("--dataverse") { Description = "The Dataverse environment's SQLite database.", Required = true },
        new Option<string>("--fo-schema") { Description = "The F&O $metadata (CSDL) file the F&O database is laid out from.", Required = true },
        new Option<string>("--dataverse-schema") { Description = "The Dataverse $metadata (CSDL) file the Dataverse database is laid out from.", Required = true },
        MapsAssembly.Option(mapsRequired));

    /// <summary>
    /// Opens the databases; null (with the reason written to <paramref name="error"/>) when a file is missing, since opening
    /// would create it, or when the PostgreSQL state store cannot be reached (named without its password).
    /// </summary>
    public static Linked? Open(ParseResult parseResult, Options options, string command, TextWriter error, bool stateMayBeNew)
    {
        var paths = new (Option<string> Option, bool Required)[]
        {
            (options.Fo, true), (options.Dataverse, true), (options.FoSchema, true), (options.DataverseSchema, true), (options.State, !stateMayBeNew),
        };
        var stateLocation = parseResult.GetValue(options.State)!;
        var missing = paths.Where(p => p.Required && !(p.Option == options.State && StateLocation.IsPostgres(stateLocation)) && !File.Exists(parseResult.GetValue(p.Option))).ToList();
        foreach (var (option, _) in missing)
        {
            error.WriteLine($"dualwrite {command}: {option.Name} '{StateLocation.Redact(parseResult.GetValue(option)!)}' does not exist.");
        }

        if (missing.Count > 0)
        {
            return null;
        }

        var maps = parseResult.GetValue(options.Maps) is { } mapsPath ? MapsAssembly.Load(mapsPath, command, error) : null;
        if (maps is null && parseResult.GetValue(options.Maps) is not null)
        {
            return null;
        }

        if (OpenState(stateLocation, command, error) is not { } state)
        {
            return null;
        }

        var fo = EmbeddedEnvironment.Open(Side.Fo, parseResult.GetValue(options.Fo)!, parseResult.GetValue(options.FoSchema)!);
        var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, parseResult.GetValue(options.Dataverse)!, parseResult.GetValue(options.DataverseSchema)!);
        return new Linked(fo, dataverse, state, maps);
    }

    /// <summary>
    /// Opens the state store <c>--state</c> names; null, with the reason written to <paramref name="error"/>, when it cannot
    /// be opened. The location appears only as <see cref="StateLocation.Redact"/> shows it, and the driver's message
    /// without the location's secrets.
    /// </summary>
    public static IStateStore? OpenState(string location, string command, TextWriter error)
    {
        try
        {
            return StateStoreFactory.Open(location);
        }
        catch (Exception exception) when (exception is ArgumentException or NpgsqlException or InvalidOperationException)
        {
            error.WriteLine($"dualwrite {command}: cannot open the state store {StateLocation.Redact(location)}: {StateLocation.HideSecrets(exception.Message, location)}");
            return null;
        }
    }

    /// <summary>The maps of <c>--maps</c> in their order, then any other map the state store has seen, in the order they were linked.</summary>
    public IReadOnlyList<string> KnownMaps() =>
        (Maps?.Names ?? Array.Empty<string>()).Concat(State.GetCursors().Select(c => c.Map)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The runtime over these databases with the maps' full definition.</summary>
    /// <exception cref="InvalidOperationException">The command was given no maps (its options do not require them).</exception>
    public DualWriteRuntime CreateRuntime() => new(
        Fo,
        Dataverse,
        State,
        Maps ?? throw new InvalidOperationException("This command needs the maps (--maps) to build a runtime."));

    public void Dispose()
    {
        State.Dispose();
        Dataverse.Dispose();
        Fo.Dispose();
    }

    internal sealed record Options(Option<string> State, Option<string> Fo, Option<string> Dataverse, Option<string> FoSchema, Option<string> DataverseSchema, Option<string> Maps)
    {
        public void AddTo(Command command)
        {
            command.Options.Add(State);
            command.Options.Add(Fo);
            command.Options.Add(Dataverse);
            command.Options.Add(FoSchema);
            command.Options.Add(DataverseSchema);
            command.Options.Add(Maps);
        }
    }
}
