using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml;
using DualWrite.LocalOData.Model;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Xunit;

namespace DualWrite.LocalOData.Tests.TempEquiv;

public sealed class EquivTests
{
    private const string ComputedTerm = "Org.OData.Core.V1.Computed";
    private const string PermissionsTerm = "Org.OData.Core.V1.Permissions";

    [Theory]
    [InlineData("tests/TestData/dataverse-csdl/crm_schema.xml")]
    [InlineData("tests/TestData/dataverse-csdl/DynamicsCRM.xml")]
    [InlineData("tests/DualWrite.Cli.Tests/TestData/dualwrite/dualwriteentitymaps.metadata.xml")]
    [InlineData("tests/DualWrite.Runtime.CycleMaps/schemas/dataverse.metadata.xml")]
    [InlineData("tests/DualWrite.Runtime.CycleMaps/schemas/fo.metadata.xml")]
    [InlineData("dsl-samples/Contoso.Integration/schemas/dataverse.metadata.xml")]
    [InlineData("dsl-samples/Contoso.Integration/schemas/fo.metadata.xml")]
    public void Same(string file)
    {
        var path = Path.Combine("/work/wt/schema", file);
        using var reader = XmlReader.Create(path);
        Assert.True(Microsoft.OData.Edm.Csdl.CsdlReader.TryParse(reader, true, out var model, out _));
        var old = model.EntityContainer.EntitySets().Select(s => Old(model, s)).ToList();
        ServiceModel now;
        try { now = ServiceModel.Load(path); }
        catch (NotSupportedException) { return; }
        var n = now.EntitySets.Select(s => (object)new
        {
            s.Name, s.Key, s.AlternateKeys, s.Lookups, References = s.References.Select(r => new { r.NavigationName, r.TargetSet, r.Columns, r.TargetColumns }),
            Columns = s.Columns.Select(c => new { c.Name, c.Kind, c.MaxLength, c.IsComputed, c.IsNullable, Prop = c.Property.Name, Default = c.Kind == ColumnKind.Enum ? c.EnumType!.Members.OrderBy(m => m.Value).First().Name : null }),
        }).ToList();
        var o = JsonSerializer.Serialize(old, new JsonSerializerOptions { WriteIndented = true });
        var nn = JsonSerializer.Serialize(n, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText("/tmp/lo-old-" + Path.GetFileName(file) + ".json", o);
        File.WriteAllText("/tmp/lo-new-" + Path.GetFileName(file) + ".json", nn);
        Assert.Equal(o, nn);
    }

    private static object Old(IEdmModel model, IEdmEntitySet set)
    {
        var type = set.EntityType;
        var alternateKeys = (model.GetAlternateKeysAnnotation(type) ?? Enumerable.Empty<IDictionary<string, IEdmProperty>>())
            .Select(k => (IReadOnlyList<string>)k.Values.Select(p => p.Name).ToList()).ToList();
        var lookups = type.NavigationProperties()
            .Where(n => !n.Type.IsCollection() && n.DependentProperties()?.Count() == 1)
            .Select(n => (Navigation: n, Target: set.FindNavigationTarget(n) as IEdmEntitySet))
            .Where(n => n.Target is not null)
            .Select(n => new LookupInfo(n.Navigation.Name, n.Navigation.DependentProperties().Single().Name, n.Target!.Name)).ToList();
        var references = type.NavigationProperties()
            .Where(n => !n.Type.IsCollection() && n.ReferentialConstraint is not null && set.FindNavigationTarget(n) is IEdmEntitySet)
            .Select(n => new
            {
                NavigationName = n.Name,
                TargetSet = ((IEdmEntitySet)set.FindNavigationTarget(n)).Name,
                Columns = n.ReferentialConstraint.PropertyPairs.Select(p => p.DependentProperty.Name).ToList(),
                TargetColumns = n.ReferentialConstraint.PropertyPairs.Select(p => p.PrincipalProperty.Name).ToList(),
            }).ToList();
        return new
        {
            set.Name, Key = type.Key().Select(k => k.Name).ToList(), AlternateKeys = alternateKeys, Lookups = lookups, References = references,
            Columns = type.StructuralProperties().Select(p => new
            {
                p.Name, Kind = KindOf(p.Type),
                MaxLength = p.Type.IsString() && p.Type.AsString() is { IsUnbounded: false, MaxLength: { } length } ? length : (int?)null,
                IsComputed = IsComputed(model, p), p.Type.IsNullable, Prop = p.Name,
                Default = p.Type.IsEnum() ? p.Type.AsEnum().EnumDefinition().Members.OrderBy(m => m.Value.Value).First().Name : null,
            }).ToList(),
        };
    }

    private static bool IsComputed(IEdmModel model, IEdmProperty property) =>
        model.FindVocabularyAnnotations(property).Any(a =>
            a.Term.FullName() == ComputedTerm && a.Value is not IEdmBooleanConstantExpression { Value: false }
            || a.Term.FullName() == PermissionsTerm && a.Value is IEdmEnumMemberExpression members && members.EnumMembers.All(m => m.Name == "Read"));

    private static ColumnKind KindOf(IEdmTypeReference type) => type.IsEnum() ? ColumnKind.Enum : type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.String => ColumnKind.Text,
        EdmPrimitiveTypeKind.Guid => ColumnKind.Guid,
        EdmPrimitiveTypeKind.Boolean => ColumnKind.Boolean,
        EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte or EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 => ColumnKind.Integer,
        EdmPrimitiveTypeKind.Decimal => ColumnKind.Decimal,
        EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => ColumnKind.Real,
        EdmPrimitiveTypeKind.DateTimeOffset => ColumnKind.DateTimeOffset,
        EdmPrimitiveTypeKind.Binary => ColumnKind.Binary,
        _ => throw new NotSupportedException(),
    };
}
