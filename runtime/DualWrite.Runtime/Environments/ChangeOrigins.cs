namespace DualWrite.Runtime.Environments;

/// <summary>Which changes of a range a read returns, by who made them.</summary>
public enum ChangeOrigins
{
    /// <summary>Every change.</summary>
    All,

    /// <summary>The changes of ordinary writers (no origin): the ones a pass may have to apply.</summary>
    Ordinary,

    /// <summary>The runtime's own writes (with an origin): they only tell a pass which other changes to skip.</summary>
    Runtime,
}
