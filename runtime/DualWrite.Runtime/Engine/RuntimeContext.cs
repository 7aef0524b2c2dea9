using System.Collections.Generic;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Scope;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.Engine;

/// <summary>What every map runner shares: the environments, the state store, the in-scope rules, telemetry.</summary>
internal sealed class RuntimeContext
{
    public RuntimeContext(IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, IStateStore state, RecordScope scope, IReadOnlyList<NumberSequence> numberSequences, RuntimeMetrics metrics, ILogger logger, bool recordsHistory, int maxChangesPerPass)
    {
        RecordsHistory = recordsHistory;
        MaxChangesPerPass = maxChangesPerPass;
        Fo = fo;
        Dataverse = dataverse;
        State = state;
        Scope = scope;
        NumberSequences = numberSequences;
        Metrics = metrics;
        Logger = logger;
    }

    public IDualWriteEnvironment Fo { get; }

    public IDualWriteEnvironment Dataverse { get; }

    public IDualWriteEnvironment Environment(Side side) => new BySide<IDualWriteEnvironment>(Fo, Dataverse)[side];

    public IStateStore State { get; }

    public IReadOnlyList<NumberSequence> NumberSequences { get; }

    public RuntimeMetrics Metrics { get; }

    public ILogger Logger { get; }

    /// <summary>The in-scope rules, following the linked companies.</summary>
    public RecordScope Scope { get; }

    /// <summary>Whether state updates keep the records' history (<see cref="DualWriteRuntimeOptions.RecordHistory"/>).</summary>
    public bool RecordsHistory { get; }

    /// <summary>How many source changes a one-sided live step reads at most (<see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/>).</summary>
    public int MaxChangesPerPass { get; }

    /// <summary>A new state update, keeping the records' history when the runtime does.</summary>
    public StateUpdate NewUpdate() => new() { KeepsHistory = RecordsHistory };

    /// <summary>Record failures of the step under way, for the alert rules once the step has committed.</summary>
    public PendingFailures Failures { get; } = new();
}
