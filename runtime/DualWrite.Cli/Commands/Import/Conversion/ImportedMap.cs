using System.Collections.Generic;
using System.Linq;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>One map as .dwmap source, with the decisions the import made for it.</summary>
public sealed record ImportedMap(string Name, string SourceName, string Text, IReadOnlyList<ImportDecision> Decisions)
{
    public string FileName => Name + ".dwmap";

    public bool NeedsHuman => Decisions.Any(d => d.NeedsHuman);
}
