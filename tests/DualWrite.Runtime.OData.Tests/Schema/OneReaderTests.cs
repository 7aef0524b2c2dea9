using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Tests.Support;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Tests.Schema;

/// <summary>
/// One CSDL reader (schema/DualWrite.Schema): the compiler, the runtime, the connectors, the local services and the CLI
/// read <c>$metadata</c> through it. ODataLib still parses a model to read and write payloads; what it makes of a
/// document must agree with the reader, or payloads and tables would disagree.
/// </summary>
public sealed class OneReaderTests
{
    // Where a file may still touch XML or ODataLib's CSDL model, and why; any other such file reads CSDL a second time.
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["runtime/DualWrite.Runtime.OData/Connector/ODataEnvironment.cs"] = "parses ODataLib's model for payloads",
        ["tests/DualWrite.LocalOData/Model/ServiceModel.cs"] = "parses ODataLib's model for payloads",
        ["runtime/DualWrite.Runtime.OData/Metadata/CsdlTrimmer.cs"] = "copies the elements the reader's model says to keep",
        ["runtime/DualWrite.Cli/Commands/Check/ProjectSettings.cs"] = "reads MSBuild project files, not CSDL",
    };

    private static readonly Regex ReadsCsdl = new(
        @"\bXmlReader\b|\bXDocument\b|\bXmlDocument\b|Microsoft\.OData\.Edm\.Csdl|\.TryParse\(reader|DependentProperties\(|GetAlternateKeysAnnotation|FindVocabularyAnnotations|ReferentialConstraint\.PropertyPairs",
        RegexOptions.CultureInvariant);

    public static TheoryData<string> Documents() => new()
    {
        "tests/TestData/dataverse-csdl/crm_schema.xml",
        "tests/TestData/dataverse-csdl/DynamicsCRM.xml",
        "tests/DualWrite.Cli.Tests/TestData/dualwrite/dualwriteentitymaps.metadata.xml",
        "tests/DualWrite.Runtime.CycleMaps/schemas/dataverse.metadata.xml",
        "tests/DualWrite.Runtime.CycleMaps/schemas/fo.metadata.xml",
        "dsl-samples/Contoso.Integration/schemas/dataverse.metadata.xml",
        "dsl-samples/Contoso.Integration/schemas/fo.metadata.xml",
    };

    [Fact]
    public void No_source_file_outside_the_shared_reader_reads_CSDL()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { "generator", "runtime", "analyzers", "tests/DualWrite.LocalOData" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryFiles.Root, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || Allowed.ContainsKey(relative))
                {
                    continue;
                }

                if (ReadsCsdl.Match(File.ReadAllText(file)) is { Success: true } match)
                {
                    offenders.Add($"{relative}: {match.Value}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Read CSDL through DualWrite.Schema's CsdlReader instead:\n" + string.Join("\n", offenders));
        Assert.All(Allowed.Keys, path => Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, path)), $"{path} is allowed but gone; drop it from the list."));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_readers_tables_agree_with_ODataLibs_model_of_the_same_document(string document)
    {
        var path = Path.Combine(RepositoryFiles.Root, document);
        var schema = EnvironmentSchema.ReadFile(Side.Dataverse, path);
        var model = ReadEdm(path);

        var sets = model.EntityContainer.EntitySets().ToList();
        Assert.Equal(sets.Select(s => s.Name), schema.Tables.Select(t => t.Name));
        foreach (var (set, table) in sets.Zip(schema.Tables))
        {
            var type = set.EntityType;
            Assert.Equal(type.FullName(), table.EntityType);
            Assert.Equal(type.Key().Select(k => k.Name), table.PrimaryKey);
            Assert.Equal(
                (model.GetAlternateKeysAnnotation(type) ?? []).Select(k => string.Join(",", k.Values.Select(p => p.Name))),
                table.AlternateKeys.Select(k => string.Join(",", k)));
            Assert.Equal(type.StructuralProperties().Select(Column), table.Columns.Select(c => (c.Name, c.EdmType, c.IsNullable, c.MaxLength, Members(c.EnumMembers))));
            Assert.Equal(Lookups(set), table.Lookups.Select(l => (l.Name, l.ValueColumn, l.TargetTable)));
        }
    }

    private static IEdmModel ReadEdm(string path)
    {
        using var reader = XmlReader.Create(path);
        Assert.True(Microsoft.OData.Edm.Csdl.CsdlReader.TryParse(reader, ignoreUnexpectedAttributesAndElements: true, out var model, out var errors), string.Join("; ", errors ?? []));
        return model;
    }

    private static (string, string, bool, int?, string?) Column(IEdmStructuralProperty property)
    {
        var type = property.Type;
        int? maxLength = type.IsString() && type.AsString() is { IsUnbounded: false, MaxLength: { } length } ? length : null;
        return (property.Name, type.FullName(), type.IsNullable, maxLength, type.IsEnum() ? Members(type.AsEnum().EnumDefinition().Members.Select(m => m.Name).ToList()) : null);
    }

    private static string? Members(IReadOnlyList<string>? members) => members is null ? null : string.Join(",", members);

    // ODataLib's lookups: single-valued, one dependent property, bound to an entity set (resolved or not).
    private static IEnumerable<(string, string, string)> Lookups(IEdmEntitySet set) =>
        set.EntityType.NavigationProperties()
            .Where(n => !n.Type.IsCollection() && n.DependentProperties()?.Count() == 1 && set.FindNavigationTarget(n) is IEdmEntitySet)
            .Select(n => (n.Name, n.DependentProperties().Single().Name, ((IEdmEntitySet)set.FindNavigationTarget(n)).Name))
            .ToList();
}
