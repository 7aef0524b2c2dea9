using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.UserTypes;

namespace DualWrite.Generator.Binding;

/// <summary>Binds one <c>map</c> declaration against both schemas into a <see cref="MapModel"/>.</summary>
internal sealed class MapBinder
{
    private readonly BindingContext _context;
    private readonly PathBinder _paths;
    private readonly ConversionBinder _conversions;
    private readonly DiagnosticBag _diagnostics;

    public MapBinder(BindingContext context)
    {
        _context = context;
        _paths = new PathBinder(context);
        _conversions = new ConversionBinder(context);
        _diagnostics = context.Diagnostics;
    }

    /// <summary>The model and the map's place in the initial-sync graph; the model is null when the map has errors.</summary>
    public (MapModel? Model, MapOrderNode Node) Bind(MapDeclaration map)
    {
        var edges = new List<OrderEdge>();
        foreach (var after in map.Items.OfType<AfterItem>().SelectMany(a => a.Maps))
        {
            if (_context.Declarations.FindMap(after.Text) is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownField, after.Range,
                    $"There is no map named '{after.Text}'.{NameSuggestions.Hint(after.Text, _context.Declarations.Maps.Select(m => m.Name))}");
            }
            else
            {
                edges.Add(new OrderEdge(after.Text, IsLookup: false, _diagnostics.Locate(after.Range)));
            }
        }

        var model = BindModel(map, edges);
        var node = new MapOrderNode(map.Name.Text, _diagnostics.Locate(map.Name.Range), edges.ToEquatableArray());
        return (model, node);
    }

    private MapModel? BindModel(MapDeclaration map, List<OrderEdge> edges)
    {
        if (_context.Fo is null || _context.Dataverse is null)
        {
            // DW0018 is reported once for the compilation; binding without a schema would only add noise.
            return null;
        }

        var errorsBefore = _diagnostics.ErrorCount;
        var fo = BindSide(_context.Fo, Side.Fo, map.FoEntitySet, map.FoUserType);
        var dataverse = BindSide(_context.Dataverse, Side.Dataverse, map.DataverseEntitySet, map.DataverseUserType);
        if (fo is null || dataverse is null || !KeyBinder.HasUsableEntityKey(_context, fo, map.FoEntitySet))
        {
            return null;
        }

        map = UserMemberNames.ToSchemaNames(map, fo.User, dataverse.User);

        var company = new CompanyBinder(_context).Bind(map, fo, dataverse);
        var fields = BindFields(map, fo, dataverse, company, edges);
        var key = new KeyBinder(_context).Bind(map, fo, dataverse, company, fields);
        var foFilter = new FilterBinder(_context).Bind(map, Side.Fo, fo);
        var dataverseFilter = new FilterBinder(_context).Bind(map, Side.Dataverse, dataverse);

        var conflict = Single(map.Items.OfType<ConflictItem>(), "conflict")?.Policy ?? ConflictPolicy.Fail;
        var deletes = Single(map.Items.OfType<DeletesItem>(), "deletes")?.Policy ?? DeletePolicy.Sync;

        if (_diagnostics.ErrorCount > errorsBefore || company is null || key is null)
        {
            return null;
        }

        return new MapModel(
            map.Name.Text,
            _context.Namespace,
            map.Direction,
            company.Value,
            conflict,
            deletes,
            fo.Ref,
            dataverse.Ref,
            key.Value.Fo,
            key.Value.Dataverse,
            fields.Select(f => f.Model).ToEquatableArray(),
            foFilter,
            dataverseFilter,
            edges.Select(e => e.Target).Distinct().ToEquatableArray());
    }

    private BoundSide? BindSide(SchemaIndex schema, Side side, Identifier name, string? userType)
    {
        if (userType is not null)
        {
            return BindUserSide(schema, side, name, userType);
        }

        var set = schema.FindEntitySet(name.Text);
        var type = set is null ? null : schema.EntityTypeOf(set);
        if (set is null || type is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownEntitySet, name.Range,
                $"The {(side == Side.Fo ? "F&O" : "Dataverse")} schema has no entity set '{name.Text}'.{NameSuggestions.Hint(name.Text, schema.EntitySets.Select(s => s.Name))}");
            return null;
        }

        var className = _context.Usage.Use(_context.Namespace, side, type, set.Name);
        return new BoundSide(schema, set, type, new EntityRef(side, set.Name, type.FullName, className));
    }

    /// <summary>
    /// A side the user's class stands for. A class that does not fit its schema is reported once, at the class
    /// (<see cref="UserEntityChecks"/>); the maps over it are not bound, so nothing is reported twice.
    /// </summary>
    private BoundSide? BindUserSide(SchemaIndex schema, Side side, Identifier name, string userType)
    {
        var user = _context.UserEntities.Find(userType, side);
        if (user is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, name.Range,
                $"'{userType.Replace("global::", string.Empty)}' must be declared in this project's source: the generator reads its properties from there. Declare the class here, or map the entity set by name (\"{name.Text}\").");
            return null;
        }

        var set = schema.FindEntitySet(user.EntitySet);
        var type = set is null ? null : schema.EntityTypeOf(set);
        if (set is null || type is null || UserEntityChecks.Problems(user, schema).Any())
        {
            return null;
        }

        var className = _context.Usage.UseUser(_context.Namespace, side, user, type);
        return new BoundSide(schema, set, type, new EntityRef(side, set.Name, type.FullName, className, user.QualifiedName), user);
    }

    private List<BoundField> BindFields(MapDeclaration map, BoundSide fo, BoundSide dataverse, CompanyScope? company, List<OrderEdge> edges)
    {
        var result = new List<BoundField>();
        var targetsToDataverse = new HashSet<string>(StringComparer.Ordinal);
        var targetsToFo = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in map.Items.OfType<FieldItem>())
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (!CheckDirection(map, field))
            {
                continue;
            }

            if (company == CompanyScope.Striped && MapsCompanyByHand(field))
            {
                continue;
            }

            var bound = BindField(field, fo, dataverse, edges);
            if (bound is null)
            {
                continue;
            }

            if (bound.Model.ToDataverse is not null && field.Dataverse is not null && !targetsToDataverse.Add(field.Dataverse.Text))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, field.DataverseRange,
                    $"Dataverse column '{field.Dataverse.Text}' is already the target of a mapping towards Dataverse; remove one of them.");
                continue;
            }

            if (bound.Model.ToFo is not null && field.Fo is not null && !targetsToFo.Add(field.Fo.Text))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, field.FoRange,
                    $"F&O field '{field.Fo.Text}' is already the target of a mapping towards F&O; remove one of them.");
                continue;
            }

            result.Add(bound);
        }

        return result;
    }

    private BoundField? BindField(FieldItem field, BoundSide fo, BoundSide dataverse, List<OrderEdge> edges)
    {
        var defaults = field.Transforms.OfType<DefaultTransform>().ToList();
        var vias = field.Transforms.OfType<ViaTransform>().ToList();
        foreach (var extra in defaults.Skip(1).Cast<Transform>().Concat(vias.Skip(1)))
        {
            _diagnostics.Add(DiagnosticDescriptors.DuplicateName, extra.Range, "A field takes at most one 'default' and one 'via'; remove this one.");
        }

        (ValuePath Path, PropertyInfo Property)? foEnd = null;
        if (field.Fo is not null)
        {
            foEnd = _paths.BindFo(fo, field.Fo);
            if (foEnd is null)
            {
                return null;
            }
        }

        (ValuePath Path, PropertyInfo? Column)? dataverseEnd = null;
        var lookedUp = new List<(EntityTypeInfo Table, TextRange Range)>();
        if (field.Dataverse is not null)
        {
            dataverseEnd = _paths.BindDataverse(dataverse, field.Dataverse, lookedUp);
            if (dataverseEnd is null)
            {
                return null;
            }
        }

        AddLookupEdges(lookedUp, edges);
        var flowsToDataverse = field.Direction != SyncDirection.ToFo && field.Dataverse is not null;
        var flowsToFo = field.Direction != SyncDirection.ToDataverse && field.Fo is not null;
        if (flowsToDataverse && dataverseEnd?.Column is { } column && dataverseEnd.Value.Path.Segments.Count == 1 && IsReadOnly(column))
        {
            _diagnostics.Add(DiagnosticDescriptors.TargetReadOnly, field.DataverseRange,
                $"Dataverse column '{column.Name}' is {(column.IsComputed ? "computed" : "read-only")} and cannot be written; map it '<-' only, or choose another column.");
            return null;
        }

        if (flowsToFo && foEnd is { } foTarget && IsReadOnly(foTarget.Property))
        {
            _diagnostics.Add(DiagnosticDescriptors.TargetReadOnly, field.FoRange,
                $"F&O field '{foTarget.Property.Name}' is {(foTarget.Property.IsComputed ? "computed" : "read-only")} and cannot be written; map it '->' only, or choose another field.");
            return null;
        }

        var @default = defaults.FirstOrDefault();
        var via = vias.FirstOrDefault();
        ConversionModel? toDataverse = null;
        ConversionModel? toFo = null;
        if (flowsToDataverse)
        {
            toDataverse = _conversions.Bind(field, Side.Dataverse, foEnd?.Path.ClrType, dataverseEnd!.Value.Path.ClrType, @default, via);
            if (toDataverse is null)
            {
                return null;
            }
        }

        if (flowsToFo)
        {
            toFo = _conversions.Bind(field, Side.Fo, dataverseEnd?.Path.ClrType, foEnd!.Value.Path.ClrType, @default, via);
            if (toFo is null)
            {
                return null;
            }
        }

        var notation = new FieldNotation(field.Dataverse?.Text, via?.Name.Text, @default?.Value.Notation);
        return new BoundField(field, new FieldMappingModel(field.Direction, foEnd?.Path, dataverseEnd?.Path, toDataverse, toFo, notation));
    }

    /// <summary>
    /// A lookup makes the map depend on the map that syncs the looked-up table (for initial-sync order); a
    /// lookup to a table no map syncs is a warning, since initial sync cannot bind it.
    /// </summary>
    private void AddLookupEdges(List<(EntityTypeInfo Table, TextRange Range)> lookedUp, List<OrderEdge> edges)
    {
        foreach (var (table, range) in lookedUp)
        {
            var owners = _context.Declarations.Maps
                .Where(m => _context.Dataverse!.FindEntitySet(m.DataverseEntitySet) is { } set && set.EntityTypeFullName == table.FullName)
                .ToList();
            if (owners.Count == 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.LookupTargetNotSynced, range,
                    $"No map syncs table '{table.Name}', so initial sync cannot be sure the looked-up rows exist; add a map for '{_context.Dataverse!.EntitySetOf(table)?.Name ?? table.Name}' or sync them another way.");
                continue;
            }

            foreach (var owner in owners)
            {
                edges.Add(new OrderEdge(owner.Name, IsLookup: true, _diagnostics.Locate(range)));
            }
        }
    }

    private bool CheckDirection(MapDeclaration map, FieldItem field)
    {
        if (field.Fo is null && field.Dataverse is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.FieldDirectionNotAllowed, field.DirectionRange, "A mapping needs a field on at least one side; remove 'none <dir> none'.");
            return false;
        }

        if (field.Fo is null && field.Direction != SyncDirection.ToDataverse)
        {
            _diagnostics.Add(DiagnosticDescriptors.FieldDirectionNotAllowed, field.DirectionRange,
                "'none' on the F&O side sets a constant in Dataverse; write 'none -> column default <value>'.");
            return false;
        }

        if (field.Dataverse is null && field.Direction != SyncDirection.ToFo)
        {
            _diagnostics.Add(DiagnosticDescriptors.FieldDirectionNotAllowed, field.DirectionRange,
                "'none' on the Dataverse side sets a constant in F&O; write 'Field <- none default <value>'.");
            return false;
        }

        if (map.Direction != SyncDirection.Both && field.Direction != map.Direction)
        {
            var allowed = map.Direction == SyncDirection.ToDataverse ? "->" : "<-";
            _diagnostics.Add(DiagnosticDescriptors.FieldDirectionNotAllowed, field.DirectionRange,
                $"Map '{map.Name.Text}' flows only '{allowed}', so its fields must too; write '{allowed}' or make the map '<->'.");
            return false;
        }

        return true;
    }

    private bool MapsCompanyByHand(FieldItem field)
    {
        if (field.Fo is not null && CompanyNames.IsDataAreaId(field.Fo.Text))
        {
            _diagnostics.Add(DiagnosticDescriptors.CompanyScopeMismatch, field.Fo.Range,
                "In a 'company striped' map dataAreaId maps to msdyn_company.cdm_companycode by itself; remove this mapping.");
            return true;
        }

        var first = field.Dataverse?.Segments[0];
        if (first is not null && (first.Text == CompanyNames.Lookup || first.Text == CompanyNames.LookupValue))
        {
            _diagnostics.Add(DiagnosticDescriptors.CompanyScopeMismatch, first.Range,
                "In a 'company striped' map the company lookup is set from dataAreaId by itself; remove this mapping.");
            return true;
        }

        return false;
    }

    private T? Single<T>(IEnumerable<T> items, string keyword)
        where T : MapItem
    {
        var list = items.ToList();
        foreach (var extra in list.Skip(1))
        {
            _diagnostics.Add(DiagnosticDescriptors.DuplicateName, extra.Range, $"'{keyword}' is already given for this map; keep one.");
        }

        return list.FirstOrDefault();
    }

    private static bool IsReadOnly(PropertyInfo property) => property.IsComputed || property.IsReadOnly;
}

/// <summary>A field mapping with the syntax it came from, for the checks that need positions.</summary>
internal sealed record BoundField(FieldItem Syntax, FieldMappingModel Model);
