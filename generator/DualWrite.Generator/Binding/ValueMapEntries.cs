using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// A value-map entry with its values on their logical sides. An <c>else</c> entry is a fallback whose one
/// value is what the entry produces in its direction, wherever it is written: DSL.md writes
/// <c>else -&gt; 1</c> (a Dataverse value) and <c>else &lt;- "Net30"</c> (an F&amp;O value).
/// A null value is <c>else</c>.
/// </summary>
internal sealed record ValueMapEntryValues(Literal? Fo, TextRange FoRange, Literal? Dataverse, TextRange DataverseRange, SyncDirection Direction, bool IsElse, ValueMapEntry Syntax)
{
    public static IReadOnlyList<ValueMapEntryValues> Of(ValueMapDeclaration declaration) => declaration.Entries.Select(Of).ToList();

    public static ValueMapEntryValues Of(ValueMapEntry entry)
    {
        var isElse = entry.Fo is null || entry.Dataverse is null;
        if (!isElse || entry.Direction == SyncDirection.Both)
        {
            return new ValueMapEntryValues(entry.Fo, entry.FoRange, entry.Dataverse, entry.DataverseRange, entry.Direction, isElse, entry);
        }

        var value = entry.Fo ?? entry.Dataverse;
        var valueRange = entry.Fo is not null ? entry.FoRange : entry.DataverseRange;
        var elseRange = entry.Fo is null ? entry.FoRange : entry.DataverseRange;
        return entry.Direction == SyncDirection.ToDataverse
            ? new ValueMapEntryValues(null, elseRange, value, valueRange, entry.Direction, true, entry)
            : new ValueMapEntryValues(value, valueRange, null, elseRange, entry.Direction, true, entry);
    }
}
