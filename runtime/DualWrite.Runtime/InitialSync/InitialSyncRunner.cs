using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Linking;
using DualWrite.Runtime.Engine.Scope;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.InitialSync;

/// <summary>
/// Brings both sides into agreement before live sync: maps in dependency order, both sides streamed in integration-key
/// order with their source filters, what is missing or different written, the master winning where both sides hold a
/// record with different values, lookup cycles in two passes, every failed row kept, and a checkpoint after every batch
/// so a stopped or crashed run resumes where it was. Run it while live sync is not running: its writes carry the
/// runtime's origin, so live sync does not echo them afterwards.
/// </summary>
public sealed class InitialSyncRunner
{
    private const string Origin = "dualwrite:initial-sync:";

    private readonly IDualWriteEnvironment _fo;
    private readonly IDualWriteEnvironment _dataverse;
    private readonly IStateStore _state;
    private readonly IInitialSyncStore _store;
    private readonly IReadOnlyList<IDualWriteMap> _maps;
    private readonly InitialSyncPlanner _planner;
    private readonly Dictionary<string, IInitialSyncMapRunner> _runners;

    /// <summary>Creates the runner. <paramref name="state"/> must keep initial-sync runs (<see cref="SqliteStateStore"/> does).</summary>
    public InitialSyncRunner(IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, IStateStore state, IEnumerable<IDualWriteMap> maps)
    {
        if (fo.Side != Side.Fo || dataverse.Side != Side.Dataverse)
        {
            throw new ArgumentException($"Expected an F&O and a Dataverse environment, got {fo.Side} and {dataverse.Side}.");
        }

        _fo = fo;
        _dataverse = dataverse;
        _state = state;
        _store = state as IInitialSyncStore ?? throw new ArgumentException("The state store does not keep initial-sync runs.", nameof(state));
        _maps = Distinct(maps);
        _planner = new InitialSyncPlanner(_maps);
        _runners = _maps.ToDictionary(m => m.Name, m => m.Accept(new RunnerFactory(_planner.CyclicLookups(m))), StringComparer.Ordinal);
    }

    /// <summary>The maps, in the order given.</summary>
    public IReadOnlyList<IDualWriteMap> Maps => _maps;

    /// <summary>
    /// The plan: the maps in the order given (by default the order of the maps, which <c>DualWriteMaps.All</c> makes a
    /// valid one), less the skipped maps, each lookup cycle as two passes.
    /// </summary>
    /// <exception cref="InitialSyncPlanException">The order puts a map before one it depends on, or names unknown maps; the message says which.</exception>
    public InitialSyncPlan Plan(IEnumerable<string>? order = null, IEnumerable<string>? skip = null) => _planner.Plan(order, skip);

    /// <summary>
    /// The plan <see cref="Plan"/> makes, from the maps alone: the order depends on nothing in the environments, so a
    /// tool can show or check it without opening them.
    /// </summary>
    /// <exception cref="InitialSyncPlanException">The order puts a map before one it depends on, or names unknown maps; the message says which.</exception>
    public static InitialSyncPlan PlanFor(IEnumerable<IDualWriteMap> maps, IEnumerable<string>? order = null, IEnumerable<string>? skip = null) =>
        new InitialSyncPlanner(Distinct(maps)).Plan(order, skip);

    /// <summary>Starts a run of the plan. <see cref="InitialSyncOptions.Master"/> (which must be named) wins where both sides differ.</summary>
    /// <exception cref="OperationCanceledException">The run stopped; what was done is checkpointed and <see cref="ResumeAsync"/> continues it.</exception>
    /// <exception cref="ArgumentException">The options name no master.</exception>
    public async Task<InitialSyncResult> RunAsync(InitialSyncPlan plan, InitialSyncOptions options, CancellationToken cancellationToken = default)
    {
        var master = MasterOf(options);
        var companies = LinkedCompanies();
        var run = new InitialSyncRun(Guid.NewGuid().ToString("N"), master, plan.Steps, InitialSyncRunStatus.Running, DateTimeOffset.UtcNow, null);
        _store.CreateRun(run);
        return await ExecuteAsync(run, companies, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Compares both sides map by map and reports every difference through <see cref="InitialSyncOptions.Differences"/>
    /// without writing anything. Each map is compared once, with its lookups: a dry run shows the end state's differences.
    /// </summary>
    /// <exception cref="ArgumentException">The options name no master.</exception>
    public async Task<InitialSyncResult> DryRunAsync(InitialSyncPlan plan, InitialSyncOptions options, CancellationToken cancellationToken = default)
    {
        var master = MasterOf(options);
        var session = new InitialSyncSession(_fo, _dataverse, LinkedCompanies(), master, dryRun: true, options, cancellationToken);
        var clock = Stopwatch.StartNew();
        var steps = plan.Order.Select(map => new InitialSyncStep(map, InitialSyncPass.All, plan.Skipped.Contains(map))).ToList();
        var results = new List<InitialSyncStepResult>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Skipped)
            {
                results.Add(new InitialSyncStepResult(step.Map, step.Pass, InitialSyncStepStatus.Skipped, new InitialSyncCounts()));
                continue;
            }

            var runner = _runners[step.Map];
            var stepRun = await InitialSyncStepRun.StartAsync(session, null, null, step, i, steps.Count, null, runner.Map).ConfigureAwait(false);
            await runner.RunAsync(session, stepRun).ConfigureAwait(false);
            results.Add(new InitialSyncStepResult(step.Map, step.Pass, InitialSyncStepStatus.Completed, stepRun.Counts));
        }

        var failed = results.Sum(r => r.Counts.Failed);
        return new InitialSyncResult(null, master, DryRun: true, failed > 0 ? InitialSyncRunStatus.CompletedWithErrors : InitialSyncRunStatus.Completed, results, failed, clock.Elapsed);
    }

    /// <summary>
    /// Continues a stopped or crashed run with its plan and master: finished steps are not run again, and the step that
    /// was under way continues after its last checkpoint. Only the progress and batch options of <paramref name="options"/> apply.
    /// </summary>
    public async Task<InitialSyncResult> ResumeAsync(string runId, InitialSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = GetRun(runId);
        return await ExecuteAsync(run, LinkedCompanies(), options ?? new InitialSyncOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reruns a run as dual-write does. Without <paramref name="skipErrors"/>, every row of the error list is synced again
    /// (read afresh from both sides): rows that succeed leave the list, rows that fail again stay with the new reason.
    /// With it, the errors are set aside unretried (they stay in the list, marked skipped). Either way, steps that did not
    /// finish then run to the end.
    /// </summary>
    public async Task<InitialSyncResult> RerunAsync(string runId, bool skipErrors = false, InitialSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = GetRun(runId);
        var companies = LinkedCompanies();
        options ??= new InitialSyncOptions();
        if (skipErrors)
        {
            _store.SkipErrors(run.Id);
        }
        else
        {
            var session = new InitialSyncSession(_fo, _dataverse, companies, run.Master, dryRun: false, options, cancellationToken);
            foreach (var error in _store.GetErrors(run.Id).Where(e => !e.Skipped))
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Once the cycle's second pass is done, a row of the first pass is retried whole: every row it may point to exists.
                var pass = error.Pass == InitialSyncPass.Rows && _store.GetCheckpoint(run.Id, error.Map, InitialSyncPass.CyclicLookups)?.Status == InitialSyncStepStatus.Completed
                    ? InitialSyncPass.All
                    : error.Pass;
                var reason = await _runners[error.Map].RetryAsync(session, pass, _store.GetErrorKey(error.Id)).ConfigureAwait(false);
                if (reason is null)
                {
                    _store.RemoveError(error.Id);
                }
                else
                {
                    _store.UpdateError(error.Id, reason);
                }
            }
        }

        return await ExecuteAsync(run, companies, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A run's error list: every row that failed, with the map and the reason.</summary>
    public IReadOnlyList<InitialSyncError> GetErrors(string runId) => _store.GetErrors(GetRun(runId).Id);

    /// <summary>Every run, newest first.</summary>
    public IReadOnlyList<InitialSyncRun> GetRuns() => _store.GetRuns();

    private static List<IDualWriteMap> Distinct(IEnumerable<IDualWriteMap> maps)
    {
        var list = maps.ToList();
        var duplicate = list.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? list : throw new ArgumentException($"Map '{duplicate.Key}' is given more than once.", nameof(maps));
    }

    private InitialSyncRun GetRun(string runId) =>
        _store.GetRun(runId) ?? throw new ArgumentException($"There is no initial-sync run '{runId}'.", nameof(runId));

    private static Side MasterOf(InitialSyncOptions options) =>
        (options ?? throw new ArgumentNullException(nameof(options))).Master
        ?? throw new ArgumentException("Name the initial sync's master (InitialSyncOptions.Master): the side that wins where both sides hold a record with different values. There is no default.", nameof(options));

    private async Task<InitialSyncResult> ExecuteAsync(InitialSyncRun run, RecordScope companies, InitialSyncOptions options, CancellationToken cancellationToken)
    {
        var session = new InitialSyncSession(_fo, _dataverse, companies, run.Master, dryRun: false, options, cancellationToken);
        var clock = Stopwatch.StartNew();
        var results = new List<InitialSyncStepResult>();
        _store.SetRunStatus(run.Id, InitialSyncRunStatus.Running);
        for (var i = 0; i < run.Steps.Count; i++)
        {
            var step = run.Steps[i];
            var checkpoint = _store.GetCheckpoint(run.Id, step.Map, step.Pass);
            if (checkpoint?.Status is InitialSyncStepStatus.Completed or InitialSyncStepStatus.Skipped)
            {
                results.Add(new InitialSyncStepResult(step.Map, step.Pass, checkpoint.Status, checkpoint.Counts));
                continue;
            }

            if (step.Skipped)
            {
                _store.SaveCheckpoint(new InitialSyncCheckpoint(run.Id, step.Map, step.Pass, InitialSyncStepStatus.Skipped, null, new InitialSyncCounts()), Array.Empty<InitialSyncFailure>());
                results.Add(new InitialSyncStepResult(step.Map, step.Pass, InitialSyncStepStatus.Skipped, new InitialSyncCounts()));
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var runner = _runners.TryGetValue(step.Map, out var found)
                ? found
                : throw new InvalidOperationException($"The run's plan has map '{step.Map}', which this runner does not have.");
            var stepRun = await InitialSyncStepRun.StartAsync(session, _store, run.Id, step, i, run.Steps.Count, checkpoint, runner.Map).ConfigureAwait(false);
            await runner.RunAsync(session, stepRun).ConfigureAwait(false);
            results.Add(new InitialSyncStepResult(step.Map, step.Pass, InitialSyncStepStatus.Completed, stepRun.Counts));
        }

        var errors = _store.GetErrors(run.Id).Count(e => !e.Skipped);
        var status = errors > 0 ? InitialSyncRunStatus.CompletedWithErrors : InitialSyncRunStatus.Completed;
        _store.SetRunStatus(run.Id, status);
        return new InitialSyncResult(run.Id, run.Master, DryRun: false, status, results, errors, clock.Elapsed);
    }

    private RecordScope LinkedCompanies() => new(Linker.RequireLink(_state, _fo, _dataverse, "link them first").Companies);

    private sealed class RunnerFactory : IDualWriteMapVisitor<IInitialSyncMapRunner>
    {
        private readonly IReadOnlyCollection<string> _cyclicLookups;

        public RunnerFactory(IReadOnlyCollection<string> cyclicLookups) => _cyclicLookups = cyclicLookups;

        public IInitialSyncMapRunner Visit<TFo, TDataverse>(IDualWriteMap<TFo, TDataverse> map)
            where TFo : class
            where TDataverse : class => new InitialSyncMapRunner<TFo, TDataverse>(map, _cyclicLookups, Origin + map.Name);
    }
}
