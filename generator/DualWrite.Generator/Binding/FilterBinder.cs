using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Filters;
using DualWrite.Generator.Filters.OData;
using DualWrite.Generator.Filters.Xpp;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Compiles a map's filter of one side (DSL.md §4 "Filters") into a C# predicate, and for F&amp;O also into
/// OData <c>$filter</c> text, declaring the properties it reads on the entity class.
/// </summary>
internal sealed class FilterBinder
{
    private const string Entity = "entity";
    private readonly BindingContext _context;

    public FilterBinder(BindingContext context) => _context = context;

    public FilterModel? Bind(MapDeclaration map, Side side, BoundSide entity)
    {
        var filters = map.Items.OfType<FilterItem>().Where(f => f.Side == side).ToList();
        foreach (var extra in filters.Skip(1))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.DuplicateName, extra.SideRange,
                $"Map '{map.Name.Text}' already has a {(side == Side.Fo ? "fo" : "dataverse")} filter; combine the conditions in one filter with {(side == Side.Fo ? "&&" : "and")}.");
        }

        var filter = filters.FirstOrDefault();
        if (filter is null)
        {
            return null;
        }

        var context = new FilterContext(entity.Schema, entity.Type, _context.Diagnostics.Lines, filter.TextRange, Entity, "global::" + _context.FoNamespace, filter.SourceOffsets, MembersOf(entity));
        var compilation = side == Side.Fo
            ? FoFilterCompiler.Compile(filter.Text, context, _context.CancellationToken)
            : DataverseFilterCompiler.Compile(filter.Text, context, _context.CancellationToken);
        _context.Diagnostics.AddRange(compilation.Diagnostics);
        if (compilation.HasErrors || compilation.CSharpPredicate is null)
        {
            return null;
        }

        var paths = new PathBinder(_context);
        var complete = true;
        foreach (var name in compilation.UsedProperties)
        {
            var property = entity.Schema.FindProperty(entity.Type, name);
            if (property is not null && paths.UseColumn(entity, entity.Ref.ClassName, property, new Identifier(name, filter.TextRange)) is null)
            {
                complete = false;
            }
        }

        return complete ? new FilterModel(filter.Text, compilation.CSharpPredicate, compilation.ODataFilter) : null;
    }

    /// <summary>On a user's class, the C# property of each schema property whose name differs; filters are written with schema names.</summary>
    private static IReadOnlyDictionary<string, string>? MembersOf(BoundSide entity)
    {
        if (entity.User is null)
        {
            return null;
        }

        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in entity.User.Properties)
        {
            if (entity.Schema.FindProperty(entity.Type, property.StandsFor) is { } column && column.Name != property.Member)
            {
                members[column.Name] = property.Member;
            }
        }

        return members;
    }
}
