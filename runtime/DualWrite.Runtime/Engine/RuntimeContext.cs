using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.Engine;

/// <summary>What every map runner shares: the environments, the state store, the linked companies, telemetry.</summary>
internal sealed class RuntimeContext
{
    public RuntimeContext(IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, IStateStore state, IReadOnlyList<NumberSequence> numberSequences, RuntimeMetrics metrics, ILogger logger)
    {
        Fo = fo;
        Dataverse = dataverse;
        State = state;
        NumberSequences = numberSequences;
        Metrics = metrics;
        Logger = logger;
    }

    public IDualWriteEnvironment Fo { get; }

    public IDualWriteEnvironment Dataverse { get; }

    public IStateStore State { get; }

    public IReadOnlyList<NumberSequence> NumberSequences { get; }

    public RuntimeMetrics Metrics { get; }

    public ILogger Logger { get; }

    public ISet<string> Companies { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Record failures of the step under way, for the alert rules once the step has committed.</summary>
    public List<(string Map, SyncErrorKind Kind)> PendingFailures { get; } = new();

    public void RecordFailure(string map, SyncErrorKind kind) => PendingFailures.Add((map, kind));

    public bool IsLinked(IDualWriteMap map, IntegrationKey key) =>
        map.Company == CompanyScope.Global || (key.Company is { } company && Companies.Contains(company));
}
