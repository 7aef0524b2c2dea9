using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using DualWrite.Runtime;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;

namespace DualWrite.Cli.Commands.Link;

/// <summary>
/// The options every runtime command takes (the state store and the two embedded environments) and what they open.
/// The generated maps are not needed: the state store knows the maps that have run from their cursors.
/// </summary>
internal sealed class Linked : IDisposable
{
    private Linked(EmbeddedEnvironment fo, EmbeddedEnvironment dataverse, SqliteStateStore state)
    {
        Fo = fo;
        Dataverse = dataverse;
        State = state;
    }

    public EmbeddedEnvironment Fo { get; }

    public EmbeddedEnvironment Dataverse { get; }

    public SqliteStateStore State { get; }

    public static Options CreateOptions() => new(
        new Option<string>("--state") { Description = "The state store's SQLite database.", Required = true },
        new Option<string>("--fo") { Description = "The F&O environment's SQLite database.", Required = true },
        new Option<string>("--dataverse") { Description = "The Dataverse environment's SQLite database.", Required = true },
        new Option<string>("--fo-schema") { Description = "The F&O $metadata (CSDL) file the F&O database is laid out from.", Required = true },
        new Option<string>("--dataverse-schema") { Description = "The Dataverse $metadata (CSDL) file the Dataverse database is laid out from.", Required = true });

    /// <summary>Opens the databases; null (with the reason written to <paramref name="error"/>) when a file is missing, since opening would create it.</summary>
    public static Linked? Open(ParseResult parseResult, Options options, string command, TextWriter error, bool stateMayBeNew)
    {
        var paths = new (Option<string> Option, bool Required)[]
        {
            (options.Fo, true), (options.Dataverse, true), (options.FoSchema, true), (options.DataverseSchema, true), (options.State, !stateMayBeNew),
        };
        var missing = paths.Where(p => p.Required && !File.Exists(parseResult.GetValue(p.Option))).ToList();
        foreach (var (option, _) in missing)
        {
            error.WriteLine($"dualwrite {command}: {option.Name} '{parseResult.GetValue(option)}' does not exist.");
        }

        if (missing.Count > 0)
        {
            return null;
        }

        var fo = EmbeddedEnvironment.Open(Side.Fo, parseResult.GetValue(options.Fo)!, parseResult.GetValue(options.FoSchema)!);
        var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, parseResult.GetValue(options.Dataverse)!, parseResult.GetValue(options.DataverseSchema)!);
        return new Linked(fo, dataverse, new SqliteStateStore(parseResult.GetValue(options.State)!));
    }

    /// <summary>The maps the state store has seen, in the order they were linked.</summary>
    public IReadOnlyList<string> KnownMaps() => State.GetCursors().Select(c => c.Map).Distinct(StringComparer.Ordinal).ToList();

    public void Dispose()
    {
        State.Dispose();
        Dataverse.Dispose();
        Fo.Dispose();
    }

    internal sealed record Options(Option<string> State, Option<string> Fo, Option<string> Dataverse, Option<string> FoSchema, Option<string> DataverseSchema)
    {
        public void AddTo(Command command)
        {
            command.Options.Add(State);
            command.Options.Add(Fo);
            command.Options.Add(Dataverse);
            command.Options.Add(FoSchema);
            command.Options.Add(DataverseSchema);
        }
    }
}
