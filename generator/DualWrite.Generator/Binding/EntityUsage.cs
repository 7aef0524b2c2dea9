using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Records which schema properties the maps of one file touch, per entity class, so the generated classes
/// declare exactly those (DSL.md §6). Classes are merged over all files later.
/// </summary>
internal sealed class EntityUsage
{
    private readonly Dictionary<(string Namespace, Side Side, string ClassName), ClassUsage> _classes = new();
    private readonly Dictionary<(string Namespace, string Name), EnumModel> _enums = new();

    /// <summary>The class of an entity type, created on first use.</summary>
    public string Use(string @namespace, Side side, EntityTypeInfo type, string? entitySet)
    {
        var className = CSharp.Pascal(type.Name);
        var key = (@namespace, side, className);
        if (!_classes.TryGetValue(key, out var usage))
        {
            usage = new ClassUsage(type.FullName, entitySet);
            _classes.Add(key, usage);
        }
        else if (usage.EntitySet is null && entitySet is not null)
        {
            usage.EntitySet = entitySet;
        }

        return className;
    }

    /// <summary>
    /// A user's class standing for an entity type. Its key is a name made from the class's full name, which
    /// names its descriptor and cannot meet a generated class of the same entity type.
    /// </summary>
    public string UseUser(string @namespace, Side side, UserTypes.UserEntity user, EntityTypeInfo type)
    {
        var className = "User_" + user.QualifiedName.Replace("global::", string.Empty).Replace('.', '_');
        var key = (@namespace, side, className);
        if (!_classes.ContainsKey(key))
        {
            _classes.Add(key, new ClassUsage(type.FullName, user.EntitySet, user.QualifiedName));
        }

        return className;
    }

    public void AddProperty(string @namespace, Side side, string className, EntityPropertyModel property)
    {
        var usage = _classes[(@namespace, side, className)];
        if (!usage.Properties.ContainsKey(property.Name))
        {
            usage.Properties.Add(property.Name, property);
        }
    }

    public void AddEnum(string @namespace, EnumTypeInfo type)
    {
        var key = (@namespace, type.Name);
        if (!_enums.ContainsKey(key))
        {
            var underlying = ClrTypes.Underlying(ClrTypes.OfEdm(type.UnderlyingType) ?? "int?");
            var members = type.Members.Select(m => new EnumMemberModel(m.Name, m.Value)).ToEquatableArray();
            _enums.Add(key, new EnumModel(@namespace, type.Name, underlying, type.IsFlags, members));
        }
    }

    public EquatableArray<EntityClassModel> Classes() => _classes
        .Select(c => new EntityClassModel(c.Key.Namespace, c.Key.Side, c.Key.ClassName, c.Value.SchemaTypeFullName, c.Value.EntitySet, c.Value.Properties.Values.ToEquatableArray(), c.Value.UserType))
        .ToEquatableArray();

    public EquatableArray<EnumModel> Enums() => _enums.Values.ToEquatableArray();

    private sealed class ClassUsage
    {
        public ClassUsage(string schemaTypeFullName, string? entitySet, string? userType = null)
        {
            SchemaTypeFullName = schemaTypeFullName;
            EntitySet = entitySet;
            UserType = userType;
        }

        public string SchemaTypeFullName { get; }

        public string? UserType { get; }

        public string? EntitySet { get; set; }

        public Dictionary<string, EntityPropertyModel> Properties { get; } = new();
    }
}
