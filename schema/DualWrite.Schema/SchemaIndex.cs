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

/// <summary>
/// Lookups over a <see cref="SchemaModel"/>: entity sets and members by name, with base types flattened.
/// F&amp;O names match ignoring case (as X++ does); Dataverse logical names match exactly (DSL.md §4).
/// Built on demand and never cached in the pipeline: the model is the cached value, this is a view of it.
/// The rules every consumer shares live here: a type's key, alternate keys and members with its base types', where a
/// navigation property leads, and which navigation properties are lookups.
/// </summary>
public sealed class SchemaIndex
{
    private readonly Dictionary<string, EntitySetInfo> _entitySets;
    private readonly Dictionary<string, EntityTypeInfo> _entityTypes;
    private readonly Dictionary<string, EnumTypeInfo> _enumTypes;
    private readonly Dictionary<string, EnumTypeInfo> _enumTypesByShortName;
    private readonly StringComparer _names;
    private readonly CsdlNames _typeNames = new();

    /// <summary>An index whose names match ignoring case or exactly.</summary>
    public SchemaIndex(SchemaModel model, bool ignoreCase)
    {
        Model = model;
        IgnoreCase = ignoreCase;
        _names = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _entitySets = new Dictionary<string, EntitySetInfo>(_names);
        foreach (var set in model.EntitySets)
        {
            if (!_entitySets.ContainsKey(set.Name))
            {
                _entitySets.Add(set.Name, set);
            }
        }

        _entityTypes = new Dictionary<string, EntityTypeInfo>(StringComparer.Ordinal);
        foreach (var type in model.EntityTypes)
        {
            _entityTypes[type.FullName] = type;
        }

        foreach (var alias in model.Aliases)
        {
            _typeNames.AddAlias(alias.Alias, alias.Namespace);
        }

        _enumTypes = new Dictionary<string, EnumTypeInfo>(StringComparer.Ordinal);
        _enumTypesByShortName = new Dictionary<string, EnumTypeInfo>(_names);
        foreach (var type in model.EnumTypes)
        {
            _enumTypes[type.FullName] = type;
            if (!_enumTypesByShortName.ContainsKey(type.Name))
            {
                _enumTypesByShortName.Add(type.Name, type);
            }
        }
    }

    /// <summary>An index for the F&amp;O side: names ignore case.</summary>
    public static SchemaIndex ForFo(SchemaModel model) => new(model, ignoreCase: true);

    /// <summary>An index for the Dataverse side: logical names match exactly.</summary>
    public static SchemaIndex ForDataverse(SchemaModel model) => new(model, ignoreCase: false);

    /// <summary>The model indexed.</summary>
    public SchemaModel Model { get; }

    /// <summary>Whether names match ignoring case.</summary>
    public bool IgnoreCase { get; }

    /// <summary>How names match.</summary>
    public StringComparer NameComparer => _names;

    /// <summary>The entity sets, one per name.</summary>
    public IEnumerable<EntitySetInfo> EntitySets => _entitySets.Values;

    /// <summary>An entity set by name.</summary>
    public EntitySetInfo? FindEntitySet(string name) => _entitySets.TryGetValue(name, out var set) ? set : null;

    /// <summary>An entity type by full name.</summary>
    public EntityTypeInfo? FindEntityType(string fullName) => _entityTypes.TryGetValue(fullName, out var type) ? type : null;

    /// <summary>The entity type of an entity set.</summary>
    public EntityTypeInfo? EntityTypeOf(EntitySetInfo set) => FindEntityType(set.EntityTypeFullName);

    /// <summary>The first entity set whose type is <paramref name="type"/>, if any.</summary>
    public EntitySetInfo? EntitySetOf(EntityTypeInfo type)
    {
        foreach (var set in Model.EntitySets)
        {
            if (set.EntityTypeFullName == type.FullName)
            {
                return set;
            }
        }

        return null;
    }

    /// <summary>An entity type by its short name (Dataverse tables in polymorphic lookups), ignoring case.</summary>
    public EntityTypeInfo? FindEntityTypeByName(string name)
    {
        foreach (var type in Model.EntityTypes)
        {
            if (string.Equals(type.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>An enum type by full name, or by short name (matched as names on this side match).</summary>
    public EnumTypeInfo? FindEnumType(string name) =>
        _enumTypes.TryGetValue(name, out var type) ? type
        : _enumTypesByShortName.TryGetValue(name, out type) ? type
        : null;

    private IEnumerable<EntityTypeInfo> BaseTypesFirst(EntityTypeInfo type) => SelfAndBaseTypes(type).Reverse();

    /// <summary>The type and its base types, most derived first.</summary>
    public IEnumerable<EntityTypeInfo> SelfAndBaseTypes(EntityTypeInfo type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (EntityTypeInfo? current = type; current is not null && seen.Add(current.FullName);
             current = current.BaseTypeFullName is null ? null : FindEntityType(current.BaseTypeFullName))
        {
            yield return current;
        }
    }

    /// <summary>A structural property of the type or its base types.</summary>
    public PropertyInfo? FindProperty(EntityTypeInfo type, string name)
    {
        foreach (var t in SelfAndBaseTypes(type))
        {
            foreach (var property in t.Properties)
            {
                if (_names.Equals(property.Name, name))
                {
                    return property;
                }
            }
        }

        return null;
    }

    /// <summary>A navigation property of the type or its base types.</summary>
    public NavigationPropertyInfo? FindNavigationProperty(EntityTypeInfo type, string name)
    {
        foreach (var t in SelfAndBaseTypes(type))
        {
            foreach (var navigation in t.NavigationProperties)
            {
                if (_names.Equals(navigation.Name, name))
                {
                    return navigation;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A type name as a document writes it, as a full name: <c>Collection(...)</c> unwrapped and an alias
    /// (<c>mscrm.account</c>) resolved. Type definitions stay as they are named.
    /// </summary>
    public string ResolveTypeName(string written) => _typeNames.ResolveWritten(written).TypeName;

    /// <summary>The enum type of a property, or null when its type is not an enum.</summary>
    public EnumTypeInfo? EnumTypeOf(PropertyInfo property) => _enumTypes.TryGetValue(property.TypeName, out var type) ? type : null;

    /// <summary>The structural properties of the type and its base types, the base type's first: the entity's columns in order.</summary>
    public IEnumerable<PropertyInfo> StructuralPropertiesOf(EntityTypeInfo type) => BaseTypesFirst(type).SelectMany(t => t.Properties);

    /// <summary>The navigation properties of the type and its base types, the base type's first.</summary>
    public IEnumerable<NavigationPropertyInfo> NavigationPropertiesOf(EntityTypeInfo type) => BaseTypesFirst(type).SelectMany(t => t.NavigationProperties);

    /// <summary>
    /// The name of the entity set a navigation property of <paramref name="set"/> leads to, as the set's
    /// <c>NavigationPropertyBinding</c> says; null when the navigation is unbound.
    /// </summary>
    /// <remarks>
    /// The target need not be an entity set of the document: Dataverse binds <c>ownerid</c> to <c>owners</c>, which it
    /// does not publish. OData clients bind such a lookup all the same, by name.
    /// </remarks>
    public string? NavigationTarget(EntitySetInfo set, NavigationPropertyInfo navigation)
    {
        foreach (var binding in set.NavigationBindings)
        {
            if (string.Equals(binding.Path, navigation.Name, StringComparison.Ordinal))
            {
                return binding.Target;
            }
        }

        return null;
    }

    /// <summary>
    /// The references of an entity set: its single-valued navigation properties with a referential constraint that
    /// are bound to an entity set (F&amp;O's <c>CustomerGroup</c> by <c>dataAreaId</c> and <c>CustomerGroupId</c>).
    /// </summary>
    public IEnumerable<EntityReference> ReferencesOf(EntitySetInfo set)
    {
        // A plain local, not a pattern variable: mutation testing turns conditions into constants, and a pattern
        // variable read after such a condition no longer compiles (it cost Stryker a recompilation of the generator).
        var type = EntityTypeOf(set);
        if (type is null)
        {
            yield break;
        }

        foreach (var navigation in NavigationPropertiesOf(type))
        {
            if (!navigation.IsCollection && !navigation.Constraints.IsEmpty && NavigationTarget(set, navigation) is { } target)
            {
                yield return new EntityReference(navigation, target);
            }
        }
    }

    /// <summary>
    /// The lookups of an entity set: references whose key is one column, as Dataverse's <c>x</c> with <c>_x_value</c>.
    /// Navigation properties that share their column are the targets of one polymorphic lookup.
    /// </summary>
    public IReadOnlyList<LookupInfo> LookupsOf(EntitySetInfo set)
    {
        var references = ReferencesOf(set).Where(r => r.Navigation.Constraints.Count == 1).ToList();
        return references
            .Select(r => new LookupInfo(
                r.Navigation,
                r.Navigation.Constraints[0].Property,
                r.TargetSet,
                references.Count(o => o.Navigation.Constraints[0].Property == r.Navigation.Constraints[0].Property) > 1))
            .ToList();
    }

    /// <summary>The key of the type: its own, or the nearest base type's.</summary>
    public IReadOnlyList<string> KeyOf(EntityTypeInfo type)
    {
        foreach (var t in SelfAndBaseTypes(type))
        {
            if (!t.Key.IsEmpty)
            {
                return t.Key;
            }
        }

        return Array.Empty<string>();
    }

    /// <summary>The alternate keys declared on the type or its base types.</summary>
    /// <remarks>
    /// Dataverse restates a base type's key on derived types (crm_schema.xml, the *AttributeMetadata types); a key
    /// is listed once, or one key would count as several candidates.
    /// </remarks>
    public IEnumerable<AlternateKeyInfo> AlternateKeysOf(EntityTypeInfo type)
    {
        var seen = new HashSet<EquatableArray<string>>();
        foreach (var t in SelfAndBaseTypes(type))
        {
            foreach (var key in t.AlternateKeys)
            {
                if (seen.Add(key.Properties))
                {
                    yield return key;
                }
            }
        }
    }
}
