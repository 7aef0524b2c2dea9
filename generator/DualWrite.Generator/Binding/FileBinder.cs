using System.Collections.Generic;
using System.Threading;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Binds every declaration of one parsed file (in the pipeline, a <see cref="Incremental.DeclarationUnit"/>'s one
/// declaration) against the schemas and the other files' declarations.
/// </summary>
internal static class FileBinder
{
    public static BoundFile Bind(
        DwmapFile file,
        SchemaContext schemas,
        DeclarationIndex declarations,
        ViaMethodSet viaMethods,
        string? rootNamespace,
        UserTypes.UserEntitySet? userEntities = null,
        CancellationToken cancellationToken = default)
    {
        var diagnostics = new DiagnosticBag(file.Lines);
        var usage = new EntityUsage();
        var context = new BindingContext(
            DeclarationIndex.NamespaceOf(file, rootNamespace),
            schemas.Fo is null ? null : SchemaIndex.ForFo(schemas.Fo),
            schemas.Dataverse is null ? null : SchemaIndex.ForDataverse(schemas.Dataverse),
            declarations,
            viaMethods,
            diagnostics,
            usage,
            file.Diagnostics,
            userEntities ?? UserTypes.UserEntitySet.Empty,
            cancellationToken);

        var maps = new List<MapModel>();
        var valueMaps = new List<ValueMapModel>();
        var numbers = new List<NumbersModel>();
        var nodes = new List<MapOrderNode>();
        var namesUsable = GeneratedNameChecks.NamespaceUsable(file.Namespace);
        foreach (var declaration in file.Declarations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!namesUsable || !GeneratedNameChecks.Usable(declaration, diagnostics))
            {
                continue;
            }

            switch (declaration)
            {
                case MapDeclaration map:
                    var (model, node) = new MapBinder(context).Bind(map);
                    nodes.Add(node);
                    if (model is not null)
                    {
                        maps.Add(model);
                    }

                    break;
                case ValueMapDeclaration valueMap:
                    if (new ValueMapBinder(context).Bind(valueMap) is { } valueMapModel)
                    {
                        valueMaps.Add(valueMapModel);
                    }

                    break;
                case NumbersDeclaration numbersDeclaration:
                    if (new NumbersBinder(context).Bind(numbersDeclaration) is { } numbersModel)
                    {
                        numbers.Add(numbersModel);
                    }

                    break;
            }
        }

        return new BoundFile(
            file.Path,
            maps.ToEquatableArray(),
            valueMaps.ToEquatableArray(),
            numbers.ToEquatableArray(),
            usage.Classes(),
            usage.Enums(),
            nodes.ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }
}
