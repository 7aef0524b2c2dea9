using System.Collections.Generic;
using System.Linq;
using DualWrite.Schema;

namespace DualWrite.Runtime.Environments.Schema;

/// <summary>Lays out the entity sets of a <see cref="SchemaModel"/> as tables, by the shared rules of <see cref="SchemaIndex"/>.</summary>
internal static class SchemaTables
{
    public static IReadOnlyList<TableSchema> Of(SchemaModel model)
    {
        // Exact names, as the service resolves them; the tables' own lookups then ignore case.
        var index = new SchemaIndex(model, ignoreCase: false);
        var tables = new List<TableSchema>();
        foreach (var set in model.EntitySets)
        {
            if (index.EntityTypeOf(set) is { } type)
            {
                tables.Add(Table(index, set, type));
            }
        }

        return tables;
    }

    private static TableSchema Table(SchemaIndex index, EntitySetInfo set, EntityTypeInfo type)
    {
        var columns = index.StructuralPropertiesOf(type).Select(p => Column(index, p)).ToList();
        var alternateKeys = index.AlternateKeysOf(type).Select(k => (IReadOnlyList<string>)k.Properties.ToList()).ToList();
        var lookups = index.LookupsOf(set)
            .Select(l => new LookupSchema(l.Navigation.Name, l.ValueColumn, l.TargetSet, l.IsPolymorphic))
            .ToList();
        return new TableSchema(set.Name, type.FullName, columns, index.KeyOf(type).ToList(), alternateKeys, lookups);
    }

    private static ColumnSchema Column(SchemaIndex index, PropertyInfo property)
    {
        var enumType = property.IsCollection ? null : index.EnumTypeOf(property);
        return new ColumnSchema(
            property.Name,
            property.TypeReference,
            enumType is null ? StorageOf(property) : StorageKind.Text,
            property.IsNullable,
            property.StringMaxLength,
            enumType?.Members.Select(m => m.Name).ToList());
    }

    private static StorageKind StorageOf(PropertyInfo property) => property.IsCollection ? StorageKind.Text : property.TypeName switch
    {
        "Edm.Boolean" or "Edm.Byte" or "Edm.SByte" or "Edm.Int16" or "Edm.Int32" or "Edm.Int64" => StorageKind.Integer,
        "Edm.Double" or "Edm.Single" => StorageKind.Real,
        "Edm.Binary" => StorageKind.Blob,
        _ => StorageKind.Text,
    };
}
