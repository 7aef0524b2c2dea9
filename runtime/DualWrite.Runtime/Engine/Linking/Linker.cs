using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Linking;

/// <summary>
/// The link between the two environments: making it (company rows in Dataverse, every map's cursors at the current
/// heads), removing it, remaking it, and checking that the state store links these environments before any work.
/// </summary>
internal sealed class Linker
{
    private readonly RuntimeContext _context;
    private readonly IReadOnlyList<IMapRunner> _runners;

    public Linker(RuntimeContext context, IReadOnlyList<IMapRunner> runners)
    {
        _context = context;
        _runners = runners;
    }

    /// <exception cref="InvalidOperationException">The state store already holds a link.</exception>
    public async ValueTask<EnvironmentLink> LinkAsync(IReadOnlyList<string> companies, CancellationToken cancellationToken)
    {
        if (_context.State.GetLink() is { } existing)
        {
            throw AlreadyLinked(existing);
        }

        var (link, stored) = await LinkFirstAsync(companies, cancellationToken).ConfigureAwait(false);
        return stored is null ? link : throw AlreadyLinked(stored);
    }

    /// <returns>The link the state store holds now.</returns>
    public async ValueTask<EnvironmentLink> LinkIfUnlinkedAsync(IReadOnlyList<string> companies, CancellationToken cancellationToken)
    {
        var link = _context.State.GetLink();
        if (link is null)
        {
            var (made, stored) = await LinkFirstAsync(companies, cancellationToken).ConfigureAwait(false);
            link = stored ?? made;
        }

        EnsureLinked();
        return link;
    }

    public void Unlink()
    {
        _context.State.Reset();
        _context.State.SetLink(null);
        _context.Scope.Follow(Array.Empty<string>());
        Log.Unlinked(_context.Logger);
    }

    /// <exception cref="InvalidOperationException">Changes are staged and <paramref name="dropStaged"/> is false; or there is no link and no companies are named.</exception>
    public async ValueTask<RelinkResult> RelinkAsync(IEnumerable<string>? companies, bool dropStaged, CancellationToken cancellationToken)
    {
        var list = companies?.ToList() ?? _context.State.GetLink()?.Companies.ToList()
            ?? throw new InvalidOperationException("There is no link to remake; name the companies to link.");
        var staged = _runners.ToDictionary(r => r.Map.Name, r => _context.State.CountStaged(r.Map.Name), StringComparer.Ordinal);
        var dropped = staged.Values.Sum();
        if (dropped > 0 && !dropStaged)
        {
            var maps = string.Join(", ", staged.Where(s => s.Value > 0).Select(s => $"{s.Key} ({s.Value})"));
            throw new InvalidOperationException(
                $"{dropped} change(s) are staged ({maps}) and a relink would drop them; resume the maps and let them replay first, or relink with dropStaged to drop them.");
        }

        // The relink resets every map to running; the maps whose state outlives a relink get it back.
        var kept = _runners.Select(r => (r.Map.Name, State: MapStateMachine.Next(r.Map.Name, _context.State.GetMapState(r.Map.Name), MapTransition.Relink), Reason: _context.State.GetStopReason(r.Map.Name)))
            .Where(m => m.State != MapState.Running)
            .ToList();
        var link = await RelinkCoreAsync(list, cancellationToken).ConfigureAwait(false);
        foreach (var (map, state, reason) in kept)
        {
            _context.State.SetMapState(map, state);
            if (reason is not null)
            {
                _context.State.SetStopReason(map, reason);
            }
        }

        if (dropped > 0)
        {
            Log.StagedDropped(_context.Logger, dropped);
        }

        return new RelinkResult(link, dropped);
    }

    /// <summary>Checks that the state store links these two environments, and follows a relink made by another host or the dualwrite tool.</summary>
    /// <exception cref="InvalidOperationException">There is no link, or it links other environments.</exception>
    public void EnsureLinked()
    {
        var link = RequireLink(_context.State, _context.Fo, _context.Dataverse, "call Link first");

        // Another host sharing the store (or the dualwrite tool) may have linked or relinked since this runtime started.
        _context.Scope.Follow(link.Companies);
    }

    /// <summary>The link the state store holds, which must link <paramref name="fo"/> to <paramref name="dataverse"/>.</summary>
    /// <exception cref="InvalidOperationException">There is no link (the message ends with <paramref name="howToLink"/>), or it links other environments.</exception>
    public static EnvironmentLink RequireLink(IStateStore state, IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, string howToLink)
    {
        var link = state.GetLink() ?? throw new InvalidOperationException($"The environments are not linked; {howToLink}.");
        if (link.FoEnvironmentId != fo.EnvironmentId || link.DataverseEnvironmentId != dataverse.EnvironmentId)
        {
            throw new InvalidOperationException(
                $"The state store links F&O {link.FoEnvironmentId} to Dataverse {link.DataverseEnvironmentId}, not these environments ({fo.EnvironmentId}, {dataverse.EnvironmentId}); relink them.");
        }

        return link;
    }

    private async ValueTask<EnvironmentLink> RelinkCoreAsync(IReadOnlyList<string> companies, CancellationToken cancellationToken)
    {
        await _context.Dataverse.EnsureCompaniesAsync(companies, cancellationToken).ConfigureAwait(false);
        var cursors = await CursorsAtHeadsAsync(cancellationToken).ConfigureAwait(false);
        _context.State.Reset();
        _context.State.Apply(cursors);
        var link = new EnvironmentLink(_context.Fo.EnvironmentId, _context.Dataverse.EnvironmentId, companies, DateTimeOffset.UtcNow);
        _context.State.SetLink(link);
        return Linked(link);
    }

    /// <summary>The first link, stored only if the store still holds none; returns the link made and, when another was there first, that one.</summary>
    private async ValueTask<(EnvironmentLink Link, EnvironmentLink? Stored)> LinkFirstAsync(IReadOnlyList<string> companies, CancellationToken cancellationToken)
    {
        await _context.Dataverse.EnsureCompaniesAsync(companies, cancellationToken).ConfigureAwait(false);
        var link = new EnvironmentLink(_context.Fo.EnvironmentId, _context.Dataverse.EnvironmentId, companies, DateTimeOffset.UtcNow);
        var stored = _context.State.LinkIfUnlinked(link, await CursorsAtHeadsAsync(cancellationToken).ConfigureAwait(false));
        return (stored is null ? Linked(link) : link, stored);
    }

    private async ValueTask<StateUpdate> CursorsAtHeadsAsync(CancellationToken cancellationToken)
    {
        var update = _context.NewUpdate();
        var (foHead, dataverseHead) = await ChangeLogReads.HeadsAsync(_context.Fo, _context.Dataverse, cancellationToken).ConfigureAwait(false);
        foreach (var runner in _runners)
        {
            update.MoveCursor(runner.Map.Name, Side.Fo, foHead);
            update.MoveCursor(runner.Map.Name, Side.Dataverse, dataverseHead);
        }

        return update;
    }

    private EnvironmentLink Linked(EnvironmentLink link)
    {
        _context.Scope.Follow(link.Companies);
        Log.Linked(_context.Logger, link.FoEnvironmentId, link.DataverseEnvironmentId, string.Join(", ", link.Companies));
        return link;
    }

    private static InvalidOperationException AlreadyLinked(EnvironmentLink existing) =>
        new($"The state store already links F&O {existing.FoEnvironmentId} to Dataverse {existing.DataverseEnvironmentId}; call Unlink or Relink.");
}
