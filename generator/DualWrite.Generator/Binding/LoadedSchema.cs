using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>A declared schema file after reading: its model or why it could not be read.</summary>
internal sealed record LoadedSchema(string Path, CsdlReadResult Result)
{
    /// <summary>The schema of each side, as the first declaration of that side names it.</summary>
    public static SchemaContext Pick(IReadOnlyList<LoadedSchema> loaded, EquatableArray<SchemaPath> paths)
    {
        SchemaModel? Find(Side side) => paths.FirstOrDefault(p => p.Side == side) is { } path
            ? loaded.FirstOrDefault(l => l.Path == path.Path)?.Result.Schema
            : null;

        return new SchemaContext(Find(Side.Fo), Find(Side.Dataverse));
    }

    public static IReadOnlyList<SchemaLoadError> Errors(IReadOnlyList<LoadedSchema> loaded) => loaded
        .Where(l => l.Result.Error is not null)
        .Select(l => new SchemaLoadError(l.Path, l.Result.Error!))
        .ToList();
}
