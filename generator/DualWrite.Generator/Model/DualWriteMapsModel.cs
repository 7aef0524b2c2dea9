using DualWrite.Generator.Common;

namespace DualWrite.Generator.Model;

/// <summary>The compilation's maps in initial-sync order and its number sequences, for the generated <c>DualWriteMaps</c> class.</summary>
internal sealed record DualWriteMapsModel(string Namespace, EquatableArray<OrderedMap> Maps, EquatableArray<NumbersModel> Numbers);

/// <summary>
/// What the initial-sync order and <c>DualWriteMaps</c> read of a map: its names and what it goes after. An edit that
/// leaves them alone (a field, a filter, a conversion) leaves this equal, so the order is not built or emitted again.
/// </summary>
internal sealed record OrderedMap(string Name, string Namespace, string ClassName, EquatableArray<string> DependsOn)
{
    public static OrderedMap Of(MapModel map) => new(map.Name, map.Namespace, map.ClassName, map.DependsOn);
}
