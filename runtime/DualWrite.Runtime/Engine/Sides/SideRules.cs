namespace DualWrite.Runtime.Engine.Sides;

/// <summary>What the engine says about a side: the other one, its name in messages, the direction its changes flow in metrics.</summary>
internal static class SideRules
{
    private static readonly BySide<Side> Others = new(Side.Dataverse, Side.Fo);
    private static readonly BySide<string> Names = new("F&O", "Dataverse");
    private static readonly BySide<string> Directions = new("fo-to-dataverse", "dataverse-to-fo");

    public static Side Other(Side side) => Others[side];

    /// <summary>The side's name in messages.</summary>
    public static string Name(Side side) => Names[side];

    /// <summary>The direction changes made on <paramref name="source"/> flow in, as metrics and logs name it.</summary>
    public static string Direction(Side source) => Directions[source];

    /// <summary>The entity set a map syncs on <paramref name="side"/>.</summary>
    public static string EntitySetOf(IDualWriteMap map, Side side) => new BySide<IEntityDescriptor>(map.Fo, map.Dataverse)[side].EntitySet!;
}
