using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>Where one side of a map stands for this host in a pass: where its read starts, which changes are its own, where it moves.</summary>
internal interface ISideCursors
{
    /// <summary>The position the side's read starts after.</summary>
    long Start { get; }

    /// <summary>Whether the change at <paramref name="sequence"/> of the record is this host's to deal with in this pass.</summary>
    bool Includes(string recordKey, long sequence);

    /// <summary>Whether the change at <paramref name="sequence"/> is this host's whatever its record, so its record need not be known to tell.</summary>
    bool IncludesEvery(long sequence);

    /// <summary>
    /// Records in <paramref name="update"/> that the side was dealt with up to <paramref name="head"/>. A cursor never moves
    /// back: a step that stopped at its cap, or a map whose heads an earlier map lowered, may end before where it stood.
    /// </summary>
    void MoveTo(StateUpdate update, long head);
}
