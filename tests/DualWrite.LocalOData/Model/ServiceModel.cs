using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using DualWrite.Schema;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Validation;

namespace DualWrite.LocalOData.Model;

/// <summary>
/// The EDM model a service publishes, read from a CSDL <c>$metadata</c> file, and the tables laid out from it. What an
/// entity set's key, alternate keys, lookups, references and computed columns are comes from the one schema reader
/// (<see cref="CsdlReader"/>); ODataLib's model serves only to read and write payloads.
/// </summary>
public sealed class ServiceModel
{
    private readonly Dictionary<string, EntitySetInfo> sets;

    private ServiceModel(IEdmModel model, SchemaModel schema, byte[] csdl, IReadOnlyList<EntitySetInfo> entitySets)
    {
        Edm = model;
        Schema = schema;
        Csdl = csdl;
        EntitySets = entitySets;
        sets = entitySets.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The EDM model.</summary>
    public IEdmModel Edm { get; }

    /// <summary>The document as the one schema reader read it; the rows' tables are laid out from it.</summary>
    public SchemaModel Schema { get; }

    /// <summary>The CSDL document exactly as read; <c>$metadata</c> serves it unchanged.</summary>
    public byte[] Csdl { get; }

    /// <summary>Every entity set of the container.</summary>
    public IReadOnlyList<EntitySetInfo> EntitySets { get; }

    /// <summary>Reads the CSDL file.</summary>
    public static ServiceModel Load(string csdlPath)
    {
        var csdl = File.ReadAllBytes(csdlPath);
        var edm = ReadEdm(csdlPath, csdl);
        using var text = new StreamReader(new MemoryStream(csdl));
        var read = CsdlReader.Read(csdlPath, text);
        var schema = read.Schema ?? throw new InvalidDataException(read.Error);
        var container = edm.EntityContainer ?? throw new InvalidDataException($"'{csdlPath}' has no entity container.");
        var index = new SchemaIndex(schema, ignoreCase: false);
        var entitySets = schema.EntitySets
            .Where(s => index.EntityTypeOf(s) is not null)
            .Select(s => Describe(index, s, container.FindEntitySet(s.Name)))
            .ToList();
        return new ServiceModel(edm, schema, csdl, entitySets);
    }

    /// <summary>The entity set named <paramref name="name"/>, or null.</summary>
    public EntitySetInfo? Find(string name) => sets.GetValueOrDefault(name);

    /// <summary>The entity set named <paramref name="name"/>, or an exception naming it.</summary>
    public EntitySetInfo Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"The service has no entity set '{name}'.");

    private static IEdmModel ReadEdm(string csdlPath, byte[] csdl)
    {
        using var reader = XmlReader.Create(new MemoryStream(csdl));

        // Dataverse publishes ConcurrencyMode on versionnumber, which this EDM reader rejects unless told to tolerate it.
        return Microsoft.OData.Edm.Csdl.CsdlReader.TryParse(reader, ignoreUnexpectedAttributesAndElements: true, out var model, out var errors)
            ? model
            : throw new InvalidDataException($"'{csdlPath}' is not a CSDL document: {string.Join("; ", errors ?? Array.Empty<EdmError>())}");
    }

    private static EntitySetInfo Describe(SchemaIndex index, Schema.EntitySetInfo set, IEdmEntitySet edmSet)
    {
        var type = index.EntityTypeOf(set)!;
        var columns = index.StructuralPropertiesOf(type)
            .Select(p => Column(index, p, (IEdmStructuralProperty)edmSet.EntityType.FindProperty(p.Name)))
            .ToList();
        var alternateKeys = index.AlternateKeysOf(type).Select(k => (IReadOnlyList<string>)k.Properties.ToList()).ToList();
        var lookups = index.LookupsOf(set).Select(l => new LookupInfo(l.Navigation.Name, l.ValueColumn, l.TargetSet)).ToList();
        var references = index.ReferencesOf(set)
            .Select(r => new ReferenceInfo(
                r.Navigation.Name,
                r.TargetSet,
                r.Navigation.Constraints.Select(c => c.Property).ToList(),
                r.Navigation.Constraints.Select(c => c.ReferencedProperty).ToList()))
            .ToList();
        return new EntitySetInfo(edmSet, columns, index.KeyOf(type).ToList(), alternateKeys, lookups, references);
    }

    private static ColumnInfo Column(SchemaIndex index, PropertyInfo property, IEdmStructuralProperty edmProperty) =>
        new(property.Name, edmProperty, KindOf(edmProperty.Type), property, index.EnumTypeOf(property));

    private static ColumnKind KindOf(IEdmTypeReference type)
    {
        if (type.IsEnum())
        {
            return ColumnKind.Enum;
        }

        return type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.String => ColumnKind.Text,
            EdmPrimitiveTypeKind.Guid => ColumnKind.Guid,
            EdmPrimitiveTypeKind.Boolean => ColumnKind.Boolean,
            EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte or EdmPrimitiveTypeKind.Int16
                or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 => ColumnKind.Integer,
            EdmPrimitiveTypeKind.Decimal => ColumnKind.Decimal,
            EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => ColumnKind.Real,
            EdmPrimitiveTypeKind.DateTimeOffset => ColumnKind.DateTimeOffset,
            EdmPrimitiveTypeKind.Binary => ColumnKind.Binary,
            var other => throw new NotSupportedException($"Property type Edm.{other} is not supported by the local OData services."),
        };
    }
}
