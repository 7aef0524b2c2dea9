using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime;
using DualWrite.Runtime.State;
using LinkRecord = DualWrite.Runtime.Link.EnvironmentLink;

namespace DualWrite.Cli.Commands.Link;

/// <summary>
/// <c>dualwrite link</c>, <c>unlink</c> and <c>relink</c>. They do what <c>DualWriteRuntime.Link</c>, <c>Unlink</c> and
/// <c>Relink</c> do, on the state store and environments directly: the runtime places a cursor for each of its maps,
/// and this tool has no maps, so it places cursors at the current heads for the maps the state store has seen.
/// Stop the hosts first: these commands move the cursors under a pass that is running.
/// </summary>
public static class LinkCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Link();
        yield return Unlink();
        yield return Relink();
    }

    private static Command Link()
    {
        var options = Linked.CreateOptions();
        var companies = CompaniesOption(required: true);
        var command = new Command("link", "Link the two environments with the legal entities that flow; changes already in the change logs stay where they are.");
        options.AddTo(command);
        command.Options.Add(companies);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            using var linked = Linked.Open(parseResult, options, "link", error, stateMayBeNew: true);
            if (linked is null)
            {
                return ExitCodes.UsageError;
            }

            if (linked.State.GetLink() is { } existing)
            {
                return AlreadyLinked(existing, error);
            }

            var list = ParseCompanies(parseResult.GetValue(companies));
            if (list.Count == 0)
            {
                error.WriteLine("dualwrite link: --companies names no legal entity.");
                return ExitCodes.UsageError;
            }

            // A host starting at the same moment may link first; the store then keeps its link and this one changes nothing.
            return await LinkAtHeadsAsync(linked, list, output, first: true, cancellationToken).ConfigureAwait(false) is { } other ? AlreadyLinked(other, error) : ExitCodes.Success;
        });
        return command;
    }

    private static Command Relink()
    {
        var options = Linked.CreateOptions();
        var companies = CompaniesOption(required: false);
        var dropStaged = new Option<bool>("--drop-staged") { Description = "Drop the changes paused maps have staged (relink refuses while any are staged)." };
        var command = new Command("relink", "Link again (after a database copy, or to change the companies): cursors restart at the current heads and the error list is cleared; paused and stopped maps stay so; data is untouched.");
        options.AddTo(command);
        command.Options.Add(companies);
        command.Options.Add(dropStaged);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            using var linked = Linked.Open(parseResult, options, "relink", error, stateMayBeNew: false);
            if (linked is null)
            {
                return ExitCodes.UsageError;
            }

            var list = parseResult.GetValue(companies) is { } given ? ParseCompanies(given) : linked.State.GetLink()?.Companies;
            if (list is null)
            {
                error.WriteLine("dualwrite relink: there is no link to remake; name the companies with --companies.");
                return ExitCodes.Failed;
            }

            // As DualWriteRuntime.RelinkAsync: staged changes are dropped only when asked, paused and stopped maps keep their state.
            var known = linked.KnownMaps();
            var staged = known.Sum(linked.State.CountStaged);
            if (staged > 0 && !parseResult.GetValue(dropStaged))
            {
                error.WriteLine($"dualwrite relink: {staged} change(s) are staged and a relink would drop them; resume the maps and let them replay first, or pass --drop-staged.");
                return ExitCodes.Failed;
            }

            var kept = known.Select(map => (Map: map, State: linked.State.GetMapState(map))).Where(m => m.State is MapState.Paused or MapState.Stopped).ToList();
            await LinkAtHeadsAsync(linked, list, output, first: false, cancellationToken).ConfigureAwait(false);
            foreach (var (map, state) in kept)
            {
                linked.State.SetMapState(map, state);
                output.WriteLine($"Map {map} stays {state}.");
            }

            if (staged > 0)
            {
                output.WriteLine($"Dropped {staged} staged change(s).");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Unlink()
    {
        var options = Linked.CreateOptions();
        var command = new Command("unlink", "Remove the link and clear cursors, map states and the error list; no data is touched.");
        options.AddTo(command);
        command.SetAction(parseResult =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            using var linked = Linked.Open(parseResult, options, "unlink", error, stateMayBeNew: false);
            if (linked is null)
            {
                return ExitCodes.UsageError;
            }

            var errors = linked.State.GetErrors().Count;
            linked.State.Reset();
            linked.State.SetLink(null);
            output.WriteLine($"Unlinked. Cleared the cursors and map states, and {errors} error(s) from the error list.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Starts the cursors of the maps the store knows at the heads and stores the link. The first link is stored only if
    /// the store still holds none (in one transaction on a shared store); returns the link found instead, if any.
    /// </summary>
    private static async Task<LinkRecord?> LinkAtHeadsAsync(Linked linked, IReadOnlyList<string> companies, TextWriter output, bool first, CancellationToken cancellationToken)
    {
        var maps = linked.KnownMaps();
        await linked.Dataverse.EnsureCompaniesAsync(companies, cancellationToken).ConfigureAwait(false);
        var foHead = await linked.Fo.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var dataverseHead = await linked.Dataverse.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var update = new StateUpdate();
        foreach (var map in maps)
        {
            update.MoveCursor(map, Side.Fo, foHead);
            update.MoveCursor(map, Side.Dataverse, dataverseHead);
        }

        var link = new LinkRecord(linked.Fo.EnvironmentId, linked.Dataverse.EnvironmentId, companies, DateTimeOffset.UtcNow);
        if (first)
        {
            if (linked.State.LinkIfUnlinked(link, update) is { } other)
            {
                return other;
            }
        }
        else
        {
            linked.State.Reset();
            linked.State.Apply(update);
            linked.State.SetLink(link);
        }

        output.WriteLine($"Linked F&O {link.FoEnvironmentId} to Dataverse {link.DataverseEnvironmentId} with companies {string.Join(", ", companies)}.");
        output.WriteLine($"Cursors start at the current heads (F&O {foHead}, Dataverse {dataverseHead}) for {maps.Count} map(s) the state store knows.");
        if (maps.Count == 0)
        {
            output.WriteLine("No map has run against this state store yet: each map starts at the change-log head when a host first runs it, so start the host now (or let AddDualWrite link on its first start).");
        }

        return null;
    }

    private static int AlreadyLinked(LinkRecord existing, TextWriter error)
    {
        error.WriteLine($"dualwrite link: the state store already links F&O {existing.FoEnvironmentId} to Dataverse {existing.DataverseEnvironmentId}; use relink or unlink.");
        return ExitCodes.Failed;
    }

    private static Option<string> CompaniesOption(bool required) => new("--companies")
    {
        Description = "The linked legal entities (dataAreaId codes), comma-separated: usmf,demf.",
        Required = required,
    };

    private static IReadOnlyList<string> ParseCompanies(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
