using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>The dotted names after <c>via</c> that may name C# methods (value maps have no dots).</summary>
internal static class ViaNames
{
    public static EquatableArray<string> Of(DwmapFile file) => file.Declarations
        .OfType<MapDeclaration>()
        .SelectMany(m => m.Items.OfType<FieldItem>())
        .SelectMany(f => f.Transforms.OfType<ViaTransform>())
        .Select(v => v.Name.Text)
        .Where(n => n.IndexOf('.') > 0)
        .Distinct(StringComparer.Ordinal)
        .ToEquatableArray();

    public static EquatableArray<string> Merge(IEnumerable<EquatableArray<string>> names) =>
        names.SelectMany(n => n).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray();
}
