using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.UserTypes;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// The part of both schemas that binding one declaration reads, as schemas of their own, so that an edit of an
/// entity type re-binds only the declarations whose slice holds it. A slice keeps every entity set (names are looked
/// up and suggested across all of them, and a lookup's owner is found by its set) and, of the entity types, those of
/// the declaration's entity sets, the tables its Dataverse paths and key go through (lookups, polymorphic targets,
/// the company lookup), the F&amp;O entity of the map a <c>numbers</c> declaration numbers, the entity sets of the user's classes
/// the declaration reads (<see cref="UserEntitySlice"/>), and each one's base types; of the enum types, those its
/// types' properties have and those its literals, filters and value maps name, or all of them when one of those
/// names none (binding then suggests from all). Binding against a slice gives what binding against the whole
/// schemas gives (<c>SchemaSliceTests</c> checks it over every map the tests hold).
/// </summary>
internal static class SchemaSlice
{
    private static readonly Regex EnumPrefix = new(@"([A-Za-z_][A-Za-z0-9_]*)\s*::", RegexOptions.CultureInvariant);

    /// <param name="userEntities">The user's classes the declaration reads, not all of them.</param>
    public static SchemaContext For(DwmapFile unit, IndexedSchemas schemas, DeclarationIndex declarations, UserEntitySet userEntities)
    {
        var fo = new Slice(schemas.Fo);
        var dataverse = new Slice(schemas.Dataverse);
        foreach (var entity in userEntities.Entities)
        {
            (entity.Side == Side.Fo ? fo : dataverse).AddEntitySet(entity.EntitySet);
        }

        foreach (var declaration in unit.Declarations)
        {
            switch (declaration)
            {
                case MapDeclaration map:
                    AddMap(map, fo, dataverse, declarations);
                    break;
                case ValueMapDeclaration valueMap:
                    foreach (var entry in valueMap.Entries)
                    {
                        fo.AddEnum(entry.Fo?.EnumType);
                        fo.AddEnum(entry.Dataverse?.EnumType);
                    }

                    break;
                case NumbersDeclaration numbers when declarations.FindMap(numbers.Map.Text) is { } map:
                    fo.AddEntitySet(map.FoEntitySet);
                    break;
            }
        }

        return new SchemaContext(fo.Build(), dataverse.Build());
    }

    private static void AddMap(MapDeclaration map, Slice fo, Slice dataverse, DeclarationIndex declarations)
    {
        fo.AddEntitySet(map.FoEntitySet.Text);
        var table = dataverse.AddEntitySet(map.DataverseEntitySet.Text);
        if (table is not null)
        {
            dataverse.AddLookupTargets(table, new[] { new Identifier(CompanyNames.Lookup, default) });
        }

        foreach (var item in map.Items)
        {
            switch (item)
            {
                case FieldItem field:
                    if (table is not null && field.Dataverse is { } path)
                    {
                        dataverse.AddLookupTargets(table, path.Segments);
                        if (path.IsPolymorphic)
                        {
                            dataverse.AddPolymorphicTargets(table, path.Segments[0].Text);
                        }
                    }

                    foreach (var transform in field.Transforms)
                    {
                        AddTransform(transform, fo, declarations);
                    }

                    break;
                case KeyItem key when table is not null:
                    foreach (var pair in key.Pairs)
                    {
                        dataverse.AddLookupTargets(table, new[] { pair.Dataverse });
                    }

                    break;
                case FilterItem filter:
                    foreach (Match match in EnumPrefix.Matches(filter.Text))
                    {
                        fo.AddEnum(match.Groups[1].Value);
                    }

                    break;
            }
        }
    }

    private static void AddTransform(Transform transform, Slice fo, DeclarationIndex declarations)
    {
        switch (transform)
        {
            case DefaultTransform @default:
                fo.AddEnum(@default.Value.EnumType);
                break;
            case ViaTransform via when declarations.FindValueMap(via.Name.Text) is { } valueMap:
                fo.AddEnum(valueMap.Fo.EnumType);
                fo.AddEnum(valueMap.Dataverse.EnumType);
                break;
        }
    }

    /// <summary>What one side's slice holds, by full name, and the schema it is cut from.</summary>
    private sealed class Slice
    {
        private readonly SchemaIndex? _schema;
        private readonly HashSet<string> _types = new(StringComparer.Ordinal);
        private readonly HashSet<string> _enums = new(StringComparer.Ordinal);
        private bool _allEnums;

        public Slice(SchemaIndex? schema) => _schema = schema;

        public EntityTypeInfo? AddEntitySet(string name)
        {
            if (_schema?.FindEntitySet(name) is not { } set || _schema.EntityTypeOf(set) is not { } type)
            {
                return null;
            }

            AddType(type);
            return type;
        }

        /// <summary>The tables the segments lead to, each a navigation property of the one before.</summary>
        public void AddLookupTargets(EntityTypeInfo table, IEnumerable<Identifier> segments)
        {
            var current = table;
            foreach (var segment in segments)
            {
                if (_schema!.FindNavigationProperty(current, segment.Text) is not { } navigation
                    || _schema.FindEntityType(navigation.TargetTypeFullName) is not { } target)
                {
                    return;
                }

                AddType(target);
                current = target;
            }
        }

        /// <summary>Every table a polymorphic lookup can point to (its navigation properties <c>lookup_table</c>).</summary>
        public void AddPolymorphicTargets(EntityTypeInfo table, string lookup)
        {
            foreach (var navigation in _schema!.SelfAndBaseTypes(table).SelectMany(t => t.NavigationProperties))
            {
                if (navigation.Name.StartsWith(lookup + "_", StringComparison.Ordinal) && _schema.FindEntityType(navigation.TargetTypeFullName) is { } target)
                {
                    AddType(target);
                }
            }
        }

        public void AddEnum(string? name)
        {
            if (_schema is null || name is null)
            {
                return;
            }

            if (_schema.FindEnumType(name) is { } type)
            {
                _enums.Add(type.FullName);
            }
            else
            {
                _allEnums = true;
            }
        }

        public SchemaModel? Build()
        {
            if (_schema is null)
            {
                return null;
            }

            var model = _schema.Model;
            return model with
            {
                EntityTypes = model.EntityTypes.Where(t => _types.Contains(t.FullName)).ToEquatableArray(),
                EnumTypes = _allEnums ? model.EnumTypes : model.EnumTypes.Where(e => _enums.Contains(e.FullName)).ToEquatableArray(),
                ComplexTypes = EquatableArray<ComplexTypeInfo>.Empty,
            };
        }

        private void AddType(EntityTypeInfo type)
        {
            foreach (var self in _schema!.SelfAndBaseTypes(type))
            {
                if (!_types.Add(self.FullName))
                {
                    continue;
                }

                foreach (var property in self.Properties)
                {
                    if (_schema.FindEnumType(property.TypeName) is { } enumType)
                    {
                        _enums.Add(enumType.FullName);
                    }
                }
            }
        }
    }
}
