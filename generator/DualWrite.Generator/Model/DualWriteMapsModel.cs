using DualWrite.Generator.Common;

namespace DualWrite.Generator.Model;

/// <summary>The compilation's maps in initial-sync order and its number sequences, for the generated <c>DualWriteMaps</c> class.</summary>
internal sealed record DualWriteMapsModel(string Namespace, EquatableArray<MapModel> Maps, EquatableArray<NumbersModel> Numbers);
