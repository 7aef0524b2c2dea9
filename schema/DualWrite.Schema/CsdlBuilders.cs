using System;
using System.Collections.Generic;
using System.Linq;
#if DUALWRITE_GENERATOR
using DualWrite.Generator.Common;
#endif

#if DUALWRITE_GENERATOR
namespace DualWrite.Generator.Schema;
#else
namespace DualWrite.Schema;
#endif

// Mutable shapes filled while the document streams by. Type names stay as written until the whole document has
// been read, because an alias, a type definition or an out-of-line annotation may come after its first use.

internal sealed class EntityTypeBuilder(string ns, string name, string? baseType, bool isAbstract)
{
    public string Namespace { get; } = ns;

    public string Name { get; } = name;

    public string FullName { get; } = ns + "." + name;

    public string? BaseType { get; } = baseType;

    public bool IsAbstract { get; } = isAbstract;

    public List<string> Key { get; } = [];

    public List<PropertyBuilder> Properties { get; } = [];

    public List<NavigationPropertyBuilder> NavigationProperties { get; } = [];

    public List<AlternateKeyInfo> AlternateKeys { get; } = [];

    public PropertyBuilder? FindProperty(string name) => Properties.Find(p => p.Name == name);

    public EntityTypeInfo Build(CsdlNames names) => new(
        Namespace,
        Name,
        BaseType is null ? null : names.Resolve(BaseType),
        IsAbstract,
        Key.ToEquatableArray(),
        Properties.Select(p => p.Build(names)).ToEquatableArray(),
        NavigationProperties.Select(n => n.Build(names)).ToEquatableArray(),
        DistinctKeys().ToEquatableArray());

    // Dataverse repeats an alternate key when a derived metadata type restates its base type's annotation
    // (crm_schema.xml, BigIntAttributeMetadata); one key listed twice would look like two candidate keys.
    private IEnumerable<AlternateKeyInfo> DistinctKeys()
    {
        var seen = new List<EquatableArray<string>>();
        foreach (var key in AlternateKeys)
        {
            if (!seen.Contains(key.Properties))
            {
                seen.Add(key.Properties);
                yield return key;
            }
        }
    }
}

internal sealed class PropertyBuilder(string name, string type, bool isNullable, int? maxLength, int? precision, int? scale)
{
    public string Name { get; } = name;

    public bool IsComputed { get; set; }

    public bool IsReadOnly { get; set; }

    public bool IsImmutable { get; set; }

    public PropertyInfo Build(CsdlNames names)
    {
        var (typeName, isCollection) = names.ResolveTypeReference(type);
        return new PropertyInfo(Name, typeName, isCollection, isNullable, maxLength, precision, scale, IsComputed, IsReadOnly, IsImmutable);
    }
}

internal sealed class NavigationPropertyBuilder(string name, string type, string? partner)
{
    public List<ReferentialConstraintInfo> Constraints { get; } = [];

    public NavigationPropertyInfo Build(CsdlNames names)
    {
        var (target, isCollection) = names.ResolveTypeReference(type);
        return new NavigationPropertyInfo(name, target, isCollection, partner, Constraints.ToEquatableArray());
    }
}

/// <summary>What the reader keeps of one element's annotations; null where the document says nothing.</summary>
internal sealed class AnnotationValues
{
    public bool? IsComputed { get; set; }

    public bool IsReadOnly { get; set; }

    public bool IsImmutable { get; set; }

    public List<AlternateKeyInfo> AlternateKeys { get; } = [];

    public void ApplyTo(PropertyBuilder property)
    {
        if (IsComputed is { } computed)
        {
            property.IsComputed = computed;
        }

        property.IsReadOnly |= IsReadOnly;
        property.IsImmutable |= IsImmutable;
    }
}

/// <summary>Namespace aliases and type definitions of one document, to turn written names into full names.</summary>
internal sealed class CsdlNames
{
    private const string CollectionPrefix = "Collection(";

    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeDefinitions = new(StringComparer.Ordinal);

    public void AddAlias(string alias, string ns) => _aliases[alias] = ns;

    public EquatableArray<NamespaceAlias> Aliases() => _aliases.Select(a => new NamespaceAlias(a.Key, a.Value)).ToEquatableArray();

    public void AddTypeDefinition(string fullName, string underlyingType) => _typeDefinitions[fullName] = underlyingType;

    /// <summary><c>mscrm.account</c> → <c>Microsoft.Dynamics.CRM.account</c>; names already full stay as they are.</summary>
    public string Resolve(string qualifiedName)
    {
        var dot = qualifiedName.LastIndexOf('.');
        return dot > 0 && _aliases.TryGetValue(qualifiedName.Substring(0, dot), out var ns)
            ? ns + qualifiedName.Substring(dot)
            : qualifiedName;
    }

    /// <summary>
    /// A property or navigation type: <c>Collection(...)</c> unwrapped, the alias resolved, and a type definition
    /// replaced by its underlying primitive type, so callers see only EDM types, enums and entity types.
    /// </summary>
    public (string TypeName, bool IsCollection) ResolveTypeReference(string type)
    {
        var (element, isCollection) = ResolveWritten(type);
        return (_typeDefinitions.TryGetValue(element, out var underlying) ? Resolve(underlying) : element, isCollection);
    }

    /// <summary>A type as written: <c>Collection(...)</c> unwrapped and the alias resolved; a type definition keeps its name.</summary>
    public (string TypeName, bool IsCollection) ResolveWritten(string type)
    {
        var isCollection = type.StartsWith(CollectionPrefix, StringComparison.Ordinal) && type.EndsWith(")", StringComparison.Ordinal);
        return (Resolve(isCollection ? type.Substring(CollectionPrefix.Length, type.Length - CollectionPrefix.Length - 1).Trim() : type), isCollection);
    }
}
