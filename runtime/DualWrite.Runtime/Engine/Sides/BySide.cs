namespace DualWrite.Runtime.Engine.Sides;

/// <summary>A value for each side, indexed by <see cref="Side"/>: where the engine would otherwise choose between two with a ternary.</summary>
internal readonly struct BySide<T>
{
    public BySide(T fo, T dataverse)
    {
        Fo = fo;
        Dataverse = dataverse;
    }

    public T Fo { get; }

    public T Dataverse { get; }

    public T this[Side side] => side == Side.Fo ? Fo : Dataverse;
}
