using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Preflight;

/// <summary>How a column the maps were compiled with differs from the live one: gone, retyped, shorter, stricter, enum members.</summary>
internal static class ColumnDrift
{
    public static void Check(MapDrift drift, string entitySet, string field, ColumnSchema compiled, ColumnSchema? live, bool used)
    {
        if (live is null)
        {
            drift.Add(entitySet, field, Describe(compiled), null, used ? PreflightSeverity.Breaking : PreflightSeverity.Info,
                $"The column {compiled.Name} of {entitySet} is gone from the live $metadata.",
                used ? $"Restore {compiled.Name} on {entitySet}, or remove the field from map {drift.Map} and {MapDrift.Repull}." : NothingToDo);
            return;
        }

        if (!string.Equals(compiled.EdmType, live.EdmType, StringComparison.Ordinal))
        {
            drift.Add(entitySet, field, Describe(compiled), Describe(live), used ? PreflightSeverity.Breaking : PreflightSeverity.Info,
                $"The column {compiled.Name} of {entitySet} changed type from {compiled.EdmType} to {live.EdmType}.",
                used ? $"Change {compiled.Name} back to {compiled.EdmType}, or {MapDrift.Repull} and adjust map {drift.Map}'s transforms to {live.EdmType}." : NothingToDo);
            return;
        }

        if (compiled.MaxLength != live.MaxLength)
        {
            var shorter = live.MaxLength is { } liveLength && (compiled.MaxLength is null || liveLength < compiled.MaxLength);
            drift.Add(entitySet, field, Describe(compiled), Describe(live), used && shorter ? PreflightSeverity.Warning : PreflightSeverity.Info,
                $"The column {compiled.Name} of {entitySet} now holds {Length(live.MaxLength)} instead of {Length(compiled.MaxLength)}.",
                used && shorter ? $"Values longer than {live.MaxLength} characters will be refused: lengthen {compiled.Name} again, or {MapDrift.Repull}." : NothingToDo);
        }

        if (compiled.IsNullable && !live.IsNullable)
        {
            drift.Add(entitySet, field, Describe(compiled), Describe(live), used ? PreflightSeverity.Warning : PreflightSeverity.Info,
                $"The column {compiled.Name} of {entitySet} no longer accepts null.",
                used ? $"Records without a value for {compiled.Name} will be refused: give the field a default in map {drift.Map}." : NothingToDo);
        }

        CheckMembers(drift, entitySet, field, compiled, live, used);
    }

    private const string NothingToDo = "Nothing to do for the maps; the next schema pull takes the change in.";

    private static void CheckMembers(MapDrift drift, string entitySet, string field, ColumnSchema compiled, ColumnSchema live, bool used)
    {
        if (compiled.EnumMembers is not { } compiledMembers || live.EnumMembers is not { } liveMembers)
        {
            return;
        }

        var removed = compiledMembers.Except(liveMembers, StringComparer.Ordinal).ToList();
        var added = liveMembers.Except(compiledMembers, StringComparer.Ordinal).ToList();
        if (removed.Count > 0)
        {
            drift.Add(entitySet, field, Members(compiledMembers), Members(liveMembers), used ? PreflightSeverity.Breaking : PreflightSeverity.Info,
                $"The enum of {compiled.Name} lost {string.Join(", ", removed)}.",
                used ? $"Records mapped to {string.Join(", ", removed)} will be refused: restore the members, or {MapDrift.Repull} and change map {drift.Map}'s value maps." : NothingToDo);
        }

        if (added.Count > 0)
        {
            drift.Add(entitySet, field, Members(compiledMembers), Members(liveMembers), used ? PreflightSeverity.Warning : PreflightSeverity.Info,
                $"The enum of {compiled.Name} gained {string.Join(", ", added)}, which the generated enum cannot hold.",
                used ? $"Records holding {string.Join(", ", added)} will fail to read: {MapDrift.Repull}." : NothingToDo);
        }
    }

    private static string Describe(ColumnSchema column) =>
        column.EdmType + (column.MaxLength is { } length ? $"({length})" : string.Empty) + (column.IsNullable ? string.Empty : " not null");

    private static string Length(int? maxLength) => maxLength is { } length ? $"{length} characters" : "any length";

    private static string Members(IReadOnlyList<string> members) => "{" + string.Join(", ", members) + "}";
}
