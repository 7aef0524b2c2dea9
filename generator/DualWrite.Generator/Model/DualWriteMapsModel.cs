using DualWrite.Generator.Common;

namespace DualWrite.Generator.Model;

/// <summary>The compilation's maps in initial-sync order, for the generated <c>DualWriteMaps</c> class.</summary>
public sealed record DualWriteMapsModel(string Namespace, EquatableArray<MapModel> Maps);
