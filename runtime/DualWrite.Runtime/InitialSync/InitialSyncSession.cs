using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Scope;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.InitialSync;

/// <summary>What the steps of one session of a run share.</summary>
internal sealed class InitialSyncSession
{
    public InitialSyncSession(IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, RecordScope scope, Side master, bool dryRun, InitialSyncOptions options, CancellationToken cancellationToken)
    {
        Fo = fo;
        Dataverse = dataverse;
        Scope = scope;
        Master = master;
        DryRun = dryRun;
        Options = options;
        CancellationToken = cancellationToken;
    }

    public IDualWriteEnvironment Fo { get; }

    public IDualWriteEnvironment Dataverse { get; }

    /// <summary>The in-scope rules, with the companies linked when the session started.</summary>
    public RecordScope Scope { get; }

    public Side Master { get; }

    public bool DryRun { get; }

    public InitialSyncOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    public IDualWriteEnvironment Environment(Side side) => new BySide<IDualWriteEnvironment>(Fo, Dataverse)[side];
}

/// <summary>
/// The writes of one batch: a transaction per side, opened on the first write and tagged with the map's origin so live
/// sync never reads them back as changes, and the rows that failed in it.
/// </summary>
internal sealed class InitialSyncBatch : IDisposable
{
    private readonly InitialSyncSession _session;
    private readonly string _origin;
    private IEnvironmentTransaction? _fo;
    private IEnvironmentTransaction? _dataverse;

    public InitialSyncBatch(InitialSyncSession session, string origin)
    {
        _session = session;
        _origin = origin;
    }

    public List<InitialSyncFailure> Failures { get; } = new();

    /// <summary>The records whose writes the batch queued, to sync again one by one when its commit names refused writes.</summary>
    public List<InitialSyncWrite> Written { get; } = new();

    public int Records { get; set; }

    public async ValueTask<IEnvironmentTransaction> TransactionAsync(Side side) => side == Side.Fo
        ? _fo ??= await _session.Fo.BeginTransactionAsync(_origin, _session.CancellationToken).ConfigureAwait(false)
        : _dataverse ??= await _session.Dataverse.BeginTransactionAsync(_origin, _session.CancellationToken).ConfigureAwait(false);

    public async ValueTask CommitAsync()
    {
        if (_dataverse is not null)
        {
            await _dataverse.CommitAsync(_session.CancellationToken).ConfigureAwait(false);
        }

        if (_fo is not null)
        {
            await _fo.CommitAsync(_session.CancellationToken).ConfigureAwait(false);
        }

        Dispose();
    }

    public void Dispose()
    {
        _dataverse?.Dispose();
        _fo?.Dispose();
        _dataverse = null;
        _fo = null;
    }
}

/// <summary>A record a batch wrote: the side it came from, its key, its source row, and whether it was inserted or updated.</summary>
internal readonly record struct InitialSyncWrite(Side SourceSide, IntegrationKey Key, object Source, bool Inserted);
