using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using DualWrite.Generator.Common;
using DualWrite.Generator.Filters;
using DualWrite.Generator.Filters.OData;
using DualWrite.Generator.Filters.Xpp;
using DualWrite.Generator.Schema;
using PropertyInfo = DualWrite.Generator.Schema.PropertyInfo;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualWrite.Generator.Tests.Filters;

/// <summary>A small entity schema built in code: properties by EDM type name, and the enums they use.</summary>
internal sealed class TestEntity
{
    public const string FoNamespace = "Microsoft.Dynamics.DataEntities";
    public const string EnumNamespace = "global::Test.Fo";
    public const string FilePrefix = "map M : fo E <-> dataverse e {\n  filter fo `";

    private readonly List<PropertyInfo> _properties = new();
    private readonly List<EnumTypeInfo> _enums = new();
    private readonly List<NavigationPropertyInfo> _navigations = new();

    public TestEntity(string name, string ns = FoNamespace)
    {
        Name = name;
        Namespace = ns;
    }

    public string Name { get; }

    public string Namespace { get; }

    public IReadOnlyList<PropertyInfo> Properties => _properties;

    public IReadOnlyList<EnumTypeInfo> Enums => _enums;

    public TestEntity Property(string name, string edmType)
    {
        _properties.Add(new PropertyInfo(name, edmType, false, true, null, null, null, false, false));
        return this;
    }

    public TestEntity Collection(string name, string edmType)
    {
        _properties.Add(new PropertyInfo(name, edmType, true, true, null, null, null, false, false));
        return this;
    }

    public TestEntity Enum(string propertyName, string enumName, params (string Name, long Value)[] members)
    {
        if (_enums.All(e => e.Name != enumName))
        {
            _enums.Add(new EnumTypeInfo(Namespace, enumName, "Edm.Int32", false,
                members.Select(m => new EnumMemberInfo(m.Name, m.Value)).ToEquatableArray()));
        }

        return Property(propertyName, Namespace + "." + enumName);
    }

    public TestEntity Lookup(string name, string targetType, string valueProperty)
    {
        _navigations.Add(new NavigationPropertyInfo(name, targetType, false, null,
            EquatableArray.Create(new ReferentialConstraintInfo(valueProperty, targetType + "id"))));
        return this;
    }

    public EntityTypeInfo EntityType => new(Namespace, Name, null, false, EquatableArray<string>.Empty,
        _properties.ToEquatableArray(), _navigations.ToEquatableArray(), EquatableArray<AlternateKeyInfo>.Empty);

    public SchemaModel Model => new("test.xml",
        EquatableArray.Create(new EntitySetInfo(Name + "s", Namespace + "." + Name)),
        EquatableArray.Create(EntityType), _enums.ToEquatableArray());

    /// <summary>The filter sits in a small .dwmap file on line 2 after <see cref="FilePrefix"/>.</summary>
    public FilterContext Context(string text, bool fo)
    {
        var file = FilePrefix + text + "`\n}\n";
        var schema = fo ? SchemaIndex.ForFo(Model) : SchemaIndex.ForDataverse(Model);
        return new FilterContext(schema, EntityType, LineMap.Create("test.dwmap", file),
            new TextRange(FilePrefix.Length, text.Length), "entity", EnumNamespace);
    }

    public FilterCompilation Fo(string text) => FoFilterCompiler.Compile(text, Context(text, fo: true));

    public FilterCompilation Dataverse(string text) => DataverseFilterCompiler.Compile(text, Context(text, fo: false));

    public static string ClrType(PropertyInfo property, IReadOnlyList<EnumTypeInfo> enums) => property.TypeName switch
    {
        "Edm.String" => "string?",
        "Edm.Decimal" => "decimal?",
        "Edm.Int32" => "int?",
        "Edm.Int64" => "long?",
        "Edm.Int16" => "short?",
        "Edm.Byte" => "byte?",
        "Edm.Double" => "double?",
        "Edm.Single" => "float?",
        "Edm.Boolean" => "bool?",
        "Edm.Guid" => "global::System.Guid?",
        "Edm.DateTimeOffset" => "global::System.DateTimeOffset?",
        "Edm.Date" => "global::System.DateOnly?",
        "Edm.Binary" => "byte[]?",
        _ => enums.FirstOrDefault(e => e.FullName == property.TypeName) is { } e ? EnumNamespace + "." + e.Name + "?" : "object?",
    };
}

/// <summary>
/// Compiles generated predicates with Roslyn (a tiny entity class, the predicates and
/// <see cref="FilterFunctionsSource.Text"/>), loads the assembly and evaluates them on records.
/// </summary>
internal sealed class PredicateHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray());

    private readonly Type _entityType;
    private readonly MethodInfo[] _predicates;

    private PredicateHarness(Type entityType, MethodInfo[] predicates)
    {
        _entityType = entityType;
        _predicates = predicates;
    }

    public static PredicateHarness Compile(TestEntity entity, IReadOnlyList<string> predicates)
    {
        var source = new StringBuilder();
        source.AppendLine("#nullable enable");
        source.AppendLine("namespace Test.Fo {");
        foreach (var e in entity.Enums)
        {
            source.Append("public enum ").Append(e.Name).Append(" { ")
                .Append(string.Join(", ", e.Members.Select(m => "@" + m.Name + " = " + m.Value.ToString(CultureInfo.InvariantCulture))))
                .AppendLine(" }");
        }

        source.AppendLine("public sealed class Entity {");
        foreach (var p in entity.Properties)
        {
            source.Append("  public ").Append(TestEntity.ClrType(p, entity.Enums)).Append(" @").Append(p.Name).AppendLine(" { get; set; }");
        }

        source.AppendLine("}");
        source.AppendLine("public static class Predicates {");
        for (var i = 0; i < predicates.Count; i++)
        {
            source.Append("  public static bool P").Append(i).Append("(global::Test.Fo.Entity entity) => ").Append(predicates[i]).AppendLine(";");
        }

        source.AppendLine("} }");

        var compilation = CSharpCompilation.Create(
            "Predicates" + Guid.NewGuid().ToString("N"),
            new[]
            {
                CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest)),
                CSharpSyntaxTree.ParseText(FilterFunctionsSource.Text, new CSharpParseOptions(LanguageVersion.Latest)),
            },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!result.Success || problems.Count > 0)
        {
            throw new InvalidOperationException("The generated predicates do not compile cleanly:\n" + string.Join("\n", problems) + "\n" + source);
        }

        var assembly = Assembly.Load(stream.ToArray());
        var type = assembly.GetType("Test.Fo.Predicates")!;
        return new PredicateHarness(
            assembly.GetType("Test.Fo.Entity")!,
            Enumerable.Range(0, predicates.Count).Select(i => type.GetMethod("P" + i)!).ToArray());
    }

    public static Func<IReadOnlyDictionary<string, object?>, bool> CompileOne(TestEntity entity, string predicate)
    {
        var harness = Compile(entity, new[] { predicate });
        return record => harness.Evaluate(0, record);
    }

    /// <summary>Evaluates predicate <paramref name="index"/> on a record; enum values are given as member names.</summary>
    public bool Evaluate(int index, IReadOnlyDictionary<string, object?> record)
    {
        var instance = Activator.CreateInstance(_entityType)!;
        foreach (var (name, value) in record)
        {
            var property = _entityType.GetProperty(name) ?? throw new ArgumentException("no property " + name);
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? converted = value switch
            {
                null => null,
                string s when target.IsEnum => System.Enum.Parse(target, s),
                _ when target == typeof(string) => value,
                _ => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
            };
            property.SetValue(instance, converted);
        }

        return (bool)_predicates[index].Invoke(null, new[] { instance })!;
    }
}

/// <summary>
/// A reference evaluator of OData <c>$filter</c> text, written independently of the C# emitters: OData null
/// semantics, strings ignoring case, and — for F&amp;O's endpoint — <c>*</c>/<c>?</c> wildcards in <c>eq</c>.
/// Records hold CLR values; enums are member names.
/// </summary>
internal static class ReferenceODataEvaluator
{
    public static bool Evaluate(string filter, TestEntity entity, IReadOnlyDictionary<string, object?> record, bool foWildcards)
    {
        var context = entity.Context(filter, fo: false);
        var diagnostics = new FilterDiagnostics(context);
        var tree = ODataParser.Parse(filter, diagnostics) ?? throw new InvalidOperationException("reference evaluator: cannot parse " + filter);
        return Eval(tree, entity, record, foWildcards);
    }

    private static bool Eval(ODataNode node, TestEntity entity, IReadOnlyDictionary<string, object?> record, bool wildcards) => node switch
    {
        ODataAnd a => Eval(a.Left, entity, record, wildcards) && Eval(a.Right, entity, record, wildcards),
        ODataOr o => Eval(o.Left, entity, record, wildcards) || Eval(o.Right, entity, record, wildcards),
        ODataNot n => !Eval(n.Operand, entity, record, wildcards),
        ODataCondition { Operand: ODataLiteral l } => l.Value == "true",
        ODataCondition { Operand: ODataPath p } => Equals(Get(p, record), true),
        ODataCondition { Operand: ODataCall c } => Call(c, record),
        ODataComparison c => Compare(c, entity, record, wildcards),
        _ => throw new InvalidOperationException("reference evaluator: unsupported node " + node),
    };

    private static object? Get(ODataPath path, IReadOnlyDictionary<string, object?> record) =>
        record.TryGetValue(path.Segments[0].Name, out var value) ? value : null;

    private static bool Call(ODataCall call, IReadOnlyDictionary<string, object?> record)
    {
        var value = Get((ODataPath)call.Arguments[0], record) as string;
        var text = ((ODataLiteral)call.Arguments[1]).Value;
        if (value is null)
        {
            return false;
        }

        return call.Name switch
        {
            "contains" => value.Contains(text, StringComparison.OrdinalIgnoreCase),
            "startswith" => value.StartsWith(text, StringComparison.OrdinalIgnoreCase),
            _ => value.EndsWith(text, StringComparison.OrdinalIgnoreCase),
        };
    }

    private static bool Compare(ODataComparison c, TestEntity entity, IReadOnlyDictionary<string, object?> record, bool wildcards)
    {
        var path = (ODataPath)c.Left;
        var literal = (ODataLiteral)c.Right;
        var value = Get(path, record);
        if (literal.Kind == ODataLiteralKind.Null)
        {
            return c.Operator == ODataOperator.Equal ? value is null : c.Operator == ODataOperator.NotEqual ? value is not null : false;
        }

        if (value is null)
        {
            return c.Operator == ODataOperator.NotEqual;
        }

        int sign;
        switch (literal.Kind)
        {
            case ODataLiteralKind.String:
                if (wildcards && c.Operator == ODataOperator.Equal && (literal.Value.Contains('*') || literal.Value.Contains('?')))
                {
                    return WildcardMatch((string)value, literal.Value);
                }

                sign = string.Compare((string)value, literal.Value, StringComparison.OrdinalIgnoreCase);
                break;
            case ODataLiteralKind.Integer:
            case ODataLiteralKind.Decimal:
                sign = System.Convert.ToDecimal(value, CultureInfo.InvariantCulture).CompareTo(decimal.Parse(literal.Value, NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            case ODataLiteralKind.Boolean:
                sign = ((bool)value).CompareTo(literal.Value == "true");
                break;
            case ODataLiteralKind.Guid:
                sign = ((Guid)value).Equals(Guid.Parse(literal.Value)) ? 0 : 1;
                break;
            case ODataLiteralKind.Date:
                sign = value is DateOnly d
                    ? d.CompareTo(DateOnly.ParseExact(literal.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : ((DateTimeOffset)value).CompareTo(DateTimeOffset.ParseExact(literal.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                break;
            case ODataLiteralKind.DateTimeOffset:
                sign = ((DateTimeOffset)value).CompareTo(DateTimeOffset.Parse(literal.Value, CultureInfo.InvariantCulture));
                break;
            case ODataLiteralKind.Enum:
            {
                var enumType = entity.Enums.Single(e => e.FullName == literal.Qualifier);
                long Of(string member) => enumType.Members.Single(m => string.Equals(m.Name, member, StringComparison.OrdinalIgnoreCase)).Value;
                sign = Of((string)value).CompareTo(Of(literal.Value));
                break;
            }

            default:
                throw new InvalidOperationException("reference evaluator: literal " + literal);
        }

        return c.Operator switch
        {
            ODataOperator.Equal => sign == 0,
            ODataOperator.NotEqual => sign != 0,
            ODataOperator.Less => sign < 0,
            ODataOperator.LessOrEqual => sign <= 0,
            ODataOperator.Greater => sign > 0,
            _ => sign >= 0,
        };
    }

    /// <summary>Wildcards by translation to a regular expression (independent of the generated Like).</summary>
    public static bool WildcardMatch(string value, string pattern)
    {
        var regex = "^" + string.Concat(pattern.Select(ch => ch == '*' ? ".*" : ch == '?' ? "." : System.Text.RegularExpressions.Regex.Escape(ch.ToString()))) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(value, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}

/// <summary>Records as dictionaries: <c>R(("Name", "x"), ("Count", 3))</c>.</summary>
internal static class Records
{
    public static IReadOnlyDictionary<string, object?> R(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
