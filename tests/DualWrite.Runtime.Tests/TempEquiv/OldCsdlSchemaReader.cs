using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace DualWrite.Runtime.Tests.TempEquiv;
using DualWrite.Runtime.Environments.Schema;

/// <summary>Reads an OData CSDL <c>$metadata</c> document (EDMX or bare CSDL) into the tables an embedded environment lays out.</summary>
public static class OldCsdlSchemaReader
{
    /// <summary>Reads the schema from a file.</summary>
    public static List<TableSchema> ReadFile(Side side, string path)
    {
        using var stream = File.OpenRead(path);
        return Read(side, stream, path);
    }

    /// <summary>Reads the schema from a stream; <paramref name="source"/> names it in errors.</summary>
    public static List<TableSchema> Read(Side side, Stream stream, string source)
    {
        using var reader = XmlReader.Create(stream);

        // Unexpected attributes are tolerated because Dataverse publishes ConcurrencyMode, which this EDM version rejects.
        if (!CsdlReader.TryParse(reader, ignoreUnexpectedAttributesAndElements: true, out var model, out var errors))
        {
            throw new InvalidDataException($"'{source}' is not a CSDL document the runtime can read: {string.Join("; ", errors ?? Array.Empty<EdmError>())}");
        }

        var container = model.EntityContainer ?? throw new InvalidDataException($"'{source}' has no entity container.");
        var tables = container.EntitySets().Select(set => ReadTable(model, set)).ToList();
        return tables;
    }

    private static TableSchema ReadTable(IEdmModel model, IEdmEntitySet set)
    {
        var type = set.EntityType;
        var columns = type.StructuralProperties().Select(ReadColumn).ToList();
        var primaryKey = type.Key().Select(k => k.Name).ToList();
        var alternateKeys = (model.GetAlternateKeysAnnotation(type) ?? Enumerable.Empty<IDictionary<string, IEdmProperty>>())
            .Select(key => (IReadOnlyList<string>)key.Values.Select(p => p.Name).ToList())
            .ToList();

        var navigations = type.NavigationProperties()
            .Where(n => !n.Type.IsCollection() && n.DependentProperties() is { } dependents && dependents.Count() == 1)
            .Select(n => (Navigation: n, Column: n.DependentProperties().Single().Name, Target: set.FindNavigationTarget(n) as IEdmEntitySet))
            .Where(n => n.Target is not null)
            .ToList();
        var lookups = navigations
            .Select(n => new LookupSchema(n.Navigation.Name, n.Column, n.Target!.Name, navigations.Count(o => o.Column == n.Column) > 1))
            .ToList();

        return new TableSchema(set.Name, type.FullName(), columns, primaryKey, alternateKeys, lookups);
    }

    private static ColumnSchema ReadColumn(IEdmStructuralProperty property)
    {
        var type = property.Type;
        int? maxLength = type.IsString() && type.AsString() is { IsUnbounded: false, MaxLength: { } length } ? length : null;
        IReadOnlyList<string>? members = type.IsEnum() ? type.AsEnum().EnumDefinition().Members.Select(m => m.Name).ToList() : null;
        return new ColumnSchema(property.Name, type.FullName(), StorageOf(type), type.IsNullable, maxLength, members);
    }

    private static StorageKind StorageOf(IEdmTypeReference type)
    {
        if (type.IsEnum())
        {
            return StorageKind.Text;
        }

        return type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.Boolean or EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte or EdmPrimitiveTypeKind.Int16
                or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 => StorageKind.Integer,
            EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => StorageKind.Real,
            EdmPrimitiveTypeKind.Binary => StorageKind.Blob,
            _ => StorageKind.Text,
        };
    }
}
