using System.Collections.Generic;
using DualWrite.Generator.Common;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Checks;

/// <summary>Collects the diagnostics of one file, located through its line map.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<DiagnosticInfo> _items = new();

    public DiagnosticBag(LineMap lines) => Lines = lines;

    public LineMap Lines { get; }

    public int ErrorCount { get; private set; }

    public void Add(DiagnosticDescriptor descriptor, TextRange range, string message, params string[] properties)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            ErrorCount++;
        }

        _items.Add(DiagnosticInfo.Create(descriptor, Lines.GetLocation(range), message) with { Properties = EquatableArray.Create(properties) });
    }

    public void AddRange(IEnumerable<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.EffectiveSeverity == DiagnosticSeverity.Error)
            {
                ErrorCount++;
            }

            _items.Add(diagnostic);
        }
    }

    public SourceLocation Locate(TextRange range) => Lines.GetLocation(range);

    public EquatableArray<DiagnosticInfo> ToEquatableArray() => _items.ToEquatableArray();
}
