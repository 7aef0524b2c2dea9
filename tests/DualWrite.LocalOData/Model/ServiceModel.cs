using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;
using Microsoft.OData.Edm.Vocabularies;

namespace DualWrite.LocalOData.Model;

/// <summary>The EDM model a service publishes, read from a CSDL <c>$metadata</c> file, and the tables laid out from it.</summary>
public sealed class ServiceModel
{
    private const string ComputedTerm = "Org.OData.Core.V1.Computed";
    private const string PermissionsTerm = "Org.OData.Core.V1.Permissions";

    private readonly Dictionary<string, EntitySetInfo> sets;

    private ServiceModel(IEdmModel model, byte[] csdl, IReadOnlyList<EntitySetInfo> entitySets)
    {
        Edm = model;
        Csdl = csdl;
        EntitySets = entitySets;
        sets = entitySets.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The EDM model.</summary>
    public IEdmModel Edm { get; }

    /// <summary>The CSDL document exactly as read; <c>$metadata</c> serves it unchanged.</summary>
    public byte[] Csdl { get; }

    /// <summary>Every entity set of the container.</summary>
    public IReadOnlyList<EntitySetInfo> EntitySets { get; }

    /// <summary>Reads the CSDL file.</summary>
    public static ServiceModel Load(string csdlPath)
    {
        var csdl = File.ReadAllBytes(csdlPath);
        using var reader = XmlReader.Create(new MemoryStream(csdl));

        // Dataverse publishes ConcurrencyMode on versionnumber, which this EDM reader rejects unless told to tolerate it.
        if (!CsdlReader.TryParse(reader, ignoreUnexpectedAttributesAndElements: true, out var model, out var errors))
        {
            throw new InvalidDataException($"'{csdlPath}' is not a CSDL document: {string.Join("; ", errors ?? Array.Empty<EdmError>())}");
        }

        var container = model.EntityContainer ?? throw new InvalidDataException($"'{csdlPath}' has no entity container.");
        return new ServiceModel(model, csdl, container.EntitySets().Select(s => Describe(model, s)).ToList());
    }

    /// <summary>The entity set named <paramref name="name"/>, or null.</summary>
    public EntitySetInfo? Find(string name) => sets.GetValueOrDefault(name);

    /// <summary>The entity set named <paramref name="name"/>, or an exception naming it.</summary>
    public EntitySetInfo Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"The service has no entity set '{name}'.");

    private static EntitySetInfo Describe(IEdmModel model, IEdmEntitySet set)
    {
        var type = set.EntityType;
        var columns = type.StructuralProperties().Select(p => DescribeColumn(model, p)).ToList();
        var alternateKeys = (model.GetAlternateKeysAnnotation(type) ?? Enumerable.Empty<IDictionary<string, IEdmProperty>>())
            .Select(k => (IReadOnlyList<string>)k.Values.Select(p => p.Name).ToList())
            .ToList();
        var lookups = type.NavigationProperties()
            .Where(n => !n.Type.IsCollection() && n.DependentProperties()?.Count() == 1)
            .Select(n => (Navigation: n, Target: set.FindNavigationTarget(n) as IEdmEntitySet))
            .Where(n => n.Target is not null)
            .Select(n => new LookupInfo(n.Navigation.Name, n.Navigation.DependentProperties().Single().Name, n.Target!.Name))
            .ToList();
        var references = type.NavigationProperties()
            .Where(n => !n.Type.IsCollection() && n.ReferentialConstraint is not null && set.FindNavigationTarget(n) is IEdmEntitySet)
            .Select(n => new ReferenceInfo(
                n.Name,
                ((IEdmEntitySet)set.FindNavigationTarget(n)).Name,
                n.ReferentialConstraint.PropertyPairs.Select(p => p.DependentProperty.Name).ToList(),
                n.ReferentialConstraint.PropertyPairs.Select(p => p.PrincipalProperty.Name).ToList()))
            .ToList();
        return new EntitySetInfo(set, columns, type.Key().Select(k => k.Name).ToList(), alternateKeys, lookups, references);
    }

    private static ColumnInfo DescribeColumn(IEdmModel model, IEdmStructuralProperty property)
    {
        var type = property.Type;
        int? maxLength = type.IsString() && type.AsString() is { IsUnbounded: false, MaxLength: { } length } ? length : null;
        return new ColumnInfo(property.Name, property, KindOf(type), maxLength, IsComputed(model, property));
    }

    private static bool IsComputed(IEdmModel model, IEdmProperty property) =>
        model.FindVocabularyAnnotations(property).Any(a =>
            a.Term.FullName() == ComputedTerm && a.Value is not IEdmBooleanConstantExpression { Value: false }
            || a.Term.FullName() == PermissionsTerm && ReadOnly(a.Value));

    private static bool ReadOnly(IEdmExpression value) => value switch
    {
        IEdmEnumMemberExpression members => members.EnumMembers.All(m => m.Name == "Read"),
        _ => false,
    };

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
