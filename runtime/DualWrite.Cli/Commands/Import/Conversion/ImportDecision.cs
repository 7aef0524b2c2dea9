namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>What kind of choice the import made where dual-write's map does not say one thing the compiler accepts.</summary>
public enum DecisionKind
{
    /// <summary>An X++ value range (<c>A*</c>, <c>1..10</c>, <c>!A</c>, <c>a, b</c>) rewritten to a query-range expression.</summary>
    FilterRewritten,

    /// <summary>A filter the import could not rewrite; it is left out and quoted in a comment.</summary>
    FilterNotImported,

    /// <summary>The entity has several keys, or several marked as the integration key.</summary>
    SeveralKeys,

    /// <summary>No integration key could be paired; the compiler infers one from the table's alternate keys.</summary>
    KeyNotImported,

    /// <summary>A second row writes a field that an earlier row already writes in that direction.</summary>
    TwoRowsWriteOneField,

    /// <summary>A both-ways value map sends several F&amp;O values to one Dataverse value: which one comes back is not defined.</summary>
    AmbiguousReverse,

    /// <summary>A transform other than <c>ValueMap</c> and <c>Default</c>.</summary>
    UnknownTransform,

    /// <summary>A row left out: no field on either side, a name that is not an identifier, or the company mapped by hand.</summary>
    RowNotImported,
}

/// <summary>One decision, with what it means for the map; <see cref="NeedsHuman"/> when a person must confirm or finish it.</summary>
public sealed record ImportDecision(DecisionKind Kind, string Message, bool NeedsHuman)
{
    public override string ToString() => (NeedsHuman ? "needs review" : "note") + " " + Kind + ": " + Message;
}
