using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.InitialSync;

/// <summary>Which part of a map's records a step writes.</summary>
public enum InitialSyncPass
{
    /// <summary>Every field: the map is not part of a lookup cycle.</summary>
    All = 0,

    /// <summary>First pass of a lookup cycle: the rows, without the lookups that close the cycle.</summary>
    Rows = 1,

    /// <summary>Second pass of a lookup cycle: the lookups that close the cycle, once every row of the cycle exists.</summary>
    CyclicLookups = 2,
}

/// <summary>One step of an initial sync: a map and the pass it runs.</summary>
/// <param name="Map">The map's name.</param>
/// <param name="Pass">What the step writes.</param>
/// <param name="Skipped">Whether the user chose to skip the map; a skipped step reads and writes nothing.</param>
public sealed record InitialSyncStep(string Map, InitialSyncPass Pass, bool Skipped);

/// <summary>
/// The maps of an initial sync in the order they run, made by <see cref="InitialSyncRunner.Plan"/>: every map after
/// the maps it depends on (<c>after</c> and lookups), and each lookup cycle as two passes.
/// </summary>
public sealed class InitialSyncPlan
{
    internal InitialSyncPlan(IReadOnlyList<string> order, IReadOnlyCollection<string> skipped, IReadOnlyList<InitialSyncStep> steps, IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        Order = order;
        Skipped = skipped;
        Steps = steps;
        Cycles = cycles;
    }

    /// <summary>The maps in the order they run.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>The maps the user skips.</summary>
    public IReadOnlyCollection<string> Skipped { get; }

    /// <summary>The steps: one per map, two per map of a lookup cycle (rows, then the cyclic lookups after the cycle's last map).</summary>
    public IReadOnlyList<InitialSyncStep> Steps { get; }

    /// <summary>The lookup cycles, each as its maps in plan order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles { get; }
}

/// <summary>An order or skip list that the maps' dependencies do not allow, with the reason.</summary>
public sealed class InitialSyncPlanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InitialSyncPlanException(string message)
        : base(message)
    {
    }
}
