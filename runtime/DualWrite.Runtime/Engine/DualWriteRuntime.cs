using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Errors;
using DualWrite.Runtime.Engine.Linking;
using DualWrite.Runtime.Engine.Passes;
using DualWrite.Runtime.Engine.Saves;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Engine.Scope;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Engine.WorkScopes;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// Executes generated maps between a linked F&amp;O and Dataverse environment: sync passes over the change logs
/// (<see cref="SyncOnceAsync"/>, <see cref="RunAsync"/>), tightly-coupled writes (<see cref="SaveAsync{T}"/>,
/// <see cref="DeleteAsync{T}"/>), the link, map states and the error list. One runtime per linked pair; its operations
/// run one at a time.
/// </summary>
public sealed partial class DualWriteRuntime : IDisposable
{
    private readonly RuntimeContext _context;
    private readonly IReadOnlyList<IMapRunner> _runners;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ErrorList _errors;
    private readonly Linker _linker;
    private readonly MapStates _states;
    private readonly SyncPass _pass;
    private readonly PassLoop _loop;
    private readonly ResumeWithoutCatchUp _resumeWithoutCatchUp;
    private readonly CoupledSaves _saves;
    private readonly IWorkScope _work;

    /// <summary>
    /// Creates the runtime. <paramref name="maps"/> run in the order given: pass <c>DualWriteMaps.All</c>, which lists
    /// lookups' owners first. <paramref name="options"/> sets staging, replay, retries, alert rules and error retention.
    /// With <paramref name="workSharing"/> the runtime is one of several hosts sharing a <see cref="IPartitionedStateStore"/>
    /// (PostgreSQL) and syncs the records of the partitions it leases.
    /// </summary>
    public DualWriteRuntime(
        IDualWriteEnvironment fo,
        IDualWriteEnvironment dataverse,
        IStateStore state,
        IEnumerable<IDualWriteMap> maps,
        IEnumerable<NumberSequence>? numberSequences = null,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        DualWriteRuntimeOptions? options = null,
        WorkSharingOptions? workSharing = null)
    {
        options ??= new DualWriteRuntimeOptions();
        options.Validate();
        if (fo.Side != Side.Fo || dataverse.Side != Side.Dataverse)
        {
            throw new ArgumentException($"Expected an F&O and a Dataverse environment, got {fo.Side} and {dataverse.Side}.");
        }

        _context = new RuntimeContext(
            fo,
            dataverse,
            state,
            new RecordScope(state.GetLink()?.Companies ?? Array.Empty<string>()),
            numberSequences?.ToList() ?? new List<NumberSequence>(),
            new RuntimeMetrics(meterFactory),
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DualWrite.Runtime"),
            options.RecordHistory,
            options.MaxChangesPerPass);
        _work = WorkScope.Of(_context, workSharing);
        var factory = new MapRunnerFactory(_context);
        _runners = maps.Select(map => map.Accept(factory)).ToList();
        var duplicate = _runners.GroupBy(r => r.Map.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Map '{duplicate.Key}' is given more than once.", nameof(maps));
        }

        MapReads.Declare(fo, Maps);
        MapReads.Declare(dataverse, Maps);

        _linker = new Linker(_context, _runners);
        var staged = new StagedPass(_context, options);
        _states = new MapStates(_context, change => MapStateChanged?.Invoke(this, change));
        var alerts = new AlertPolicy(_context, _states, options.Alerts.ToList(), alert => AlertRaised?.Invoke(this, alert));
        _errors = new ErrorList(_context, alerts, options.ErrorRetention, _work, Runner, _linker.EnsureLinked);
        _pass = new SyncPass(_context, _runners, _linker, _errors, alerts, _states, staged, options.Retry, _work, options.HistoryRetention);
        _loop = new PassLoop(_context.Logger, _work);
        _resumeWithoutCatchUp = new ResumeWithoutCatchUp(_context, _states, staged, options.ReplayChunkSize);
        _saves = new CoupledSaves(_context, _runners, _linker, _states, alerts);
    }

    /// <summary>
    /// Creates the runtime from a project's full definition (<see cref="DualWriteMapSet.FromAssembly"/>), the way the
    /// dualwrite tool and <c>AddDualWrite</c> do, so the number sequences always come with their maps.
    /// </summary>
    public DualWriteRuntime(
        IDualWriteEnvironment fo,
        IDualWriteEnvironment dataverse,
        IStateStore state,
        DualWriteMapSet definition,
        DualWriteRuntimeOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        WorkSharingOptions? workSharing = null)
        : this(fo, dataverse, state, (definition ?? throw new ArgumentNullException(nameof(definition))).Maps, definition.NumberSequences, loggerFactory, meterFactory, options, workSharing)
    {
    }

    /// <summary>Raised when an alert rule fires, or when a map is paused because its environment stayed unavailable.</summary>
    public event EventHandler<AlertRaisedEventArgs>? AlertRaised;

    /// <summary>Raised when a map's state changes (pause, resume, stop, by whoever asked), in the operation that changed it.</summary>
    public event EventHandler<MapStateChangedEventArgs>? MapStateChanged;

    /// <summary>Raised when a pass of the live loop (<see cref="RunAsync"/>) fails; the loop goes on.</summary>
    public event EventHandler<PassFailedEventArgs>? PassFailed;

    /// <summary>Raised when <see cref="RelinkAsync"/> linked the environments again.</summary>
    public event EventHandler<RelinkResult>? Relinked;

    /// <summary>The maps, in the order they run.</summary>
    public IReadOnlyList<IDualWriteMap> Maps => _runners.Select(r => r.Map).ToList();

    /// <summary>The current link, or null.</summary>
    public EnvironmentLink? CurrentLink => _context.State.GetLink();

    /// <summary>
    /// Links the two environments with the legal entities that flow (<c>dataAreaId</c> codes): creates their company rows
    /// in Dataverse and starts every map's cursors at the current heads, so existing data stays where it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">The state store already holds a link (also one another host stored a moment before); unlink or relink.</exception>
    public Task<EnvironmentLink> LinkAsync(IEnumerable<string> companies, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _linker.LinkAsync(companies.ToList(), token), cancellationToken);

    /// <summary>
    /// Links as <see cref="LinkAsync"/> does when the state store holds no link, and otherwise keeps the link it holds. Hosts
    /// starting together on a new shared store link once: one of them links, the others find its link and go on with it.
    /// </summary>
    /// <returns>The link the state store holds now.</returns>
    /// <exception cref="InvalidOperationException">The state store links another pair of environments.</exception>
    public Task<EnvironmentLink> LinkIfUnlinkedAsync(IEnumerable<string> companies, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _linker.LinkIfUnlinkedAsync(companies.ToList(), token), cancellationToken);

    /// <summary>Removes the link and clears cursors, map states and the error list; no data is touched.</summary>
    public Task UnlinkAsync(CancellationToken cancellationToken = default) => GatedAsync(_linker.Unlink, cancellationToken);

    /// <summary>
    /// Links again, for instance after a database copy: clears the cursors and the error list and starts at the current
    /// heads, without touching data. Without <paramref name="companies"/> the linked companies are kept. Paused and
    /// stopped maps stay paused and stopped. Changes waiting in a staging queue would be lost, so a relink is refused
    /// while any map has staged changes, unless <paramref name="dropStaged"/> says to drop them.
    /// </summary>
    /// <returns>The new link and how many staged changes were dropped.</returns>
    /// <exception cref="InvalidOperationException">Changes are staged and <paramref name="dropStaged"/> is false; or there is no link and no companies are named.</exception>
    public async Task<RelinkResult> RelinkAsync(IEnumerable<string>? companies = null, bool dropStaged = false, CancellationToken cancellationToken = default)
    {
        var result = await GatedAsync(token => _linker.RelinkAsync(companies, dropStaged, token), cancellationToken).ConfigureAwait(false);
        Relinked?.Invoke(this, result);
        return result;
    }

    /// <summary>
    /// Runs one pass of every map, in order, over the changes committed so far: a running map syncs, a paused map stages
    /// its changes, a replaying map applies its staging queue and turns running when it is empty, a stopped map rests.
    /// A running map whose changes are on one side only syncs at most <see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/>
    /// of them and says so in <see cref="SyncResult.StoppedAtCap"/>; the next pass goes on from there.
    /// Transient failures are retried with backoff; a map whose environment stays unavailable is paused and an alert fires.
    /// </summary>
    /// <exception cref="InvalidOperationException">The environments are not the linked pair.</exception>
    public Task<SyncResult> SyncOnceAsync(CancellationToken cancellationToken = default) =>
        GatedAsync(_pass.RunAsync, cancellationToken);

    /// <summary>The live loop: sync passes until cancelled, waiting <paramref name="pollInterval"/> after a pass that found nothing.</summary>
    public Task RunAsync(TimeSpan pollInterval, CancellationToken cancellationToken) => _loop.RunAsync(pollInterval, LivePassAsync, cancellationToken);

    /// <summary>
    /// Saves a record on its side (the side of its entity class) and, in the same breath, on the other side through
    /// every running map of the class: the source commits only if the target write succeeded.
    /// </summary>
    /// <exception cref="DualWriteException">A map could not write the record on the other side; neither side changed.</exception>
    /// <exception cref="EnvironmentWriteException">The source refused the record; neither side changed.</exception>
    public Task SaveAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class => GatedAsync(token => _saves.WriteAsync(entity, delete: false, token), cancellationToken);

    /// <summary>Deletes a record (found by the key of <paramref name="entity"/>) on its side and, for maps that sync deletes, on the other side.</summary>
    /// <returns>False when the record does not exist.</returns>
    /// <exception cref="DualWriteException">A map could not delete the record on the other side; neither side changed.</exception>
    public Task<bool> DeleteAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class => GatedAsync(token => _saves.WriteAsync(entity, delete: true, token), cancellationToken);

    /// <summary>The error list: every record whose changes wait behind a failed one.</summary>
    public IReadOnlyList<SyncError> GetErrors() => _context.State.GetErrors();

    /// <summary>The error list entries <paramref name="filter"/> selects.</summary>
    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => _context.State.GetErrors(filter);

    /// <summary>Applies a failed change again and, when it succeeds, the changes waiting behind it, in order.</summary>
    /// <returns>Whether the record's queue is now empty.</returns>
    public Task<bool> RetryAsync(long errorId, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _errors.DrainAsync(errorId, discardHead: false, fromSource: false, token), cancellationToken);

    /// <summary>Retries every error-list entry <paramref name="filter"/> selects (<see cref="ErrorFilter.All"/>: all of them), oldest first.</summary>
    /// <returns>How many records' queues are now empty.</returns>
    public Task<int> RetryAsync(ErrorFilter filter, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _errors.DrainAllAsync(filter, discardHead: false, fromSource: false, token), cancellationToken);

    /// <summary>Drops a failed change (a deliberate choice: it never reaches the other side), then applies the changes waiting behind it.</summary>
    /// <returns>Whether the record's queue is now empty.</returns>
    public Task<bool> DiscardAsync(long errorId, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _errors.DrainAsync(errorId, discardHead: true, fromSource: false, token), cancellationToken);

    /// <summary>Discards every error-list entry <paramref name="filter"/> selects, oldest first.</summary>
    /// <returns>How many records' queues are now empty.</returns>
    public Task<int> DiscardAsync(ErrorFilter filter, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _errors.DrainAllAsync(filter, discardHead: true, fromSource: false, token), cancellationToken);

    /// <summary>A map's state.</summary>
    public MapState GetMapState(string map) => _states.Of(Runner(map).Map.Name);

    /// <summary>How many changes wait in a map's staging queue.</summary>
    public long GetStagedCount(string map) => _context.State.CountStaged(Runner(map).Map.Name);

    /// <summary>Pauses a map: from the next pass its changes are staged in the state store, and live writes commit on their side only.</summary>
    public Task PauseAsync(string map, CancellationToken cancellationToken = default) => ChangeStateAsync(map, MapTransition.Pause, cancellationToken);

    /// <summary>
    /// Resumes a paused or stopped map: it replays its staging queue (and what its change logs gathered meanwhile) in
    /// order, then runs live. A running map stays as it is.
    /// </summary>
    public Task ResumeAsync(string map, CancellationToken cancellationToken = default) => ChangeStateAsync(map, MapTransition.Resume, cancellationToken);

    /// <summary>
    /// Resumes a paused or stopped map as <paramref name="mode"/> says: <see cref="ResumeMode.CatchUp"/> is
    /// <see cref="ResumeAsync(string, CancellationToken)"/>; the other modes run the map live from the current heads at once and either move what it
    /// gathered (staged, and still in the change logs) to the error list or drop it. A running map stays as it is.
    /// </summary>
    /// <returns>How many changes were set aside or dropped.</returns>
    /// <exception cref="NotSupportedException">Several hosts share the work: their partition cursors are not moved here.</exception>
    public async Task<long> ResumeAsync(string map, ResumeMode mode, CancellationToken cancellationToken = default)
    {
        if (mode == ResumeMode.CatchUp)
        {
            await ResumeAsync(map, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        return await GatedAsync(
            token =>
            {
                _linker.EnsureLinked();
                _work.EnsureOneHost("Resuming without catch-up", "resume with catch-up");
                return _resumeWithoutCatchUp.ResumeAsync(Runner(map), mode, token);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a map: it neither syncs nor stages, and its cursors stay; <see cref="ResumeAsync(string, CancellationToken)"/> starts it again.</summary>
    public Task StopAsync(string map, CancellationToken cancellationToken = default) => ChangeStateAsync(map, MapTransition.Stop, cancellationToken);

    /// <summary>Stops a map as <see cref="StopAsync(string, CancellationToken)"/> does, storing <paramref name="reason"/> as its stop reason in the same operation.</summary>
    public Task StopAsync(string map, string reason, CancellationToken cancellationToken = default) =>
        GatedAsync(() => _states.Change(Runner(map).Map.Name, MapTransition.Stop, reason), cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        _context.Metrics.Dispose();
        _gate.Dispose();
    }

    // A pass of the live loop: a failure is told to PassFailed's subscribers, then goes to the loop, which logs it and goes on.
    private async Task<SyncResult> LivePassAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            PassFailed?.Invoke(this, new PassFailedEventArgs(exception.Message, DateTimeOffset.UtcNow));
            throw;
        }
    }

    private Task ChangeStateAsync(string map, MapTransition transition, CancellationToken cancellationToken) =>
        GatedAsync(() => _states.Change(Runner(map).Map.Name, transition), cancellationToken);

    /// <summary>Runs a state-store step as one operation of the runtime (see <see cref="GatedAsync{T}"/>).</summary>
    private async Task GatedAsync(Action step, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            step();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs one operation of the runtime at a time: passes, saves, links and map-state changes never interleave.</summary>
    private async Task<T> GatedAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private IMapRunner Runner(string map) =>
        _runners.FirstOrDefault(r => string.Equals(r.Map.Name, map, StringComparison.Ordinal))
        ?? throw new ArgumentException($"The runtime has no map '{map}'.", nameof(map));
}
