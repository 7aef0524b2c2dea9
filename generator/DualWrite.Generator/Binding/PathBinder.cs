using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.UserTypes;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Resolves the two ends of a field mapping against the schemas: an F&amp;O field, or a Dataverse column, a
/// path through lookups, or a polymorphic lookup. Records the properties used and the tables looked up.
/// </summary>
internal sealed class PathBinder
{
    private readonly BindingContext _context;

    public PathBinder(BindingContext context) => _context = context;

    /// <summary>An F&amp;O field of the map's entity, or null after reporting DW0003.</summary>
    public (ValuePath Path, PropertyInfo Property)? BindFo(BoundSide fo, Identifier name)
    {
        var property = fo.Schema.FindProperty(fo.Type, name.Text);
        if (property is null)
        {
            var candidates = fo.Schema.SelfAndBaseTypes(fo.Type).SelectMany(t => t.Properties).Select(p => p.Name);
            _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, name.Range,
                $"F&O entity '{fo.EntitySet.Name}' has no field '{name.Text}'.{NameSuggestions.Hint(name.Text, candidates)}");
            return null;
        }

        var used = UseColumn(fo, fo.Ref.ClassName, property, name);
        return used is not { } column ? null : (new ValuePath(EquatableArray.Create(new PathSegment(property.Name, null, column.Member)), EquatableArray<ValuePathAlternative>.Empty, column.ClrType), property);
    }

    /// <summary>
    /// A Dataverse column or path, or null after reporting. <paramref name="lookedUpTables"/> receives the
    /// entity type and the range of the segment of every table the path looks up directly from the map's table.
    /// </summary>
    public (ValuePath Path, PropertyInfo? Column)? BindDataverse(BoundSide dataverse, DataversePath path, List<(EntityTypeInfo Table, TextRange Range)> lookedUpTables)
    {
        if (path.IsPolymorphic && dataverse.User is not null)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, path.Range,
                $"A polymorphic lookup cannot be mapped on a class of yours ('{dataverse.User.Name}') yet; map this table by its entity set (\"{dataverse.EntitySet.Name}\") to use one.");
            return null;
        }

        if (path.IsPolymorphic)
        {
            var polymorphic = BindPolymorphic(dataverse, path, lookedUpTables);
            return polymorphic is null ? null : (polymorphic, null);
        }

        var schema = dataverse.Schema;
        var type = dataverse.Type;
        var className = dataverse.Ref.ClassName;
        var user = dataverse.User;
        var segments = new List<PathSegment>();
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            var segment = SchemaName(path.Segments[i], user);
            var navigation = schema.FindNavigationProperty(type, segment.Text);
            var target = navigation is null || navigation.IsCollection ? null : schema.FindEntityType(navigation.TargetTypeFullName);
            if (navigation is null || target is null)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, segment.Range, navigation is { IsCollection: true }
                    ? $"'{segment.Text}' of table '{type.Name}' is a collection; a field can only follow single-valued lookups."
                    : $"Table '{type.Name}' has no lookup '{segment.Text}'.{NameSuggestions.Hint(segment.Text, schema.SelfAndBaseTypes(type).SelectMany(t => t.NavigationProperties).Where(n => !n.IsCollection).Select(n => n.Name))}");
                return null;
            }

            if (i == 0)
            {
                lookedUpTables.Add((target, segment.Range));
            }

            var owner = new BoundSide(schema, dataverse.EntitySet, type, dataverse.Ref with { ClassName = className }, user);
            if (UseLookup(owner, navigation, target, segment) is not { } lookup)
            {
                return null;
            }

            segments.Add(lookup.Segment);
            type = target;
            className = lookup.Segment.ReferenceClass!;
            user = lookup.TargetUser;
        }

        var last = SchemaName(path.Segments[path.Segments.Count - 1], user);
        var column = schema.FindProperty(type, last.Text);
        if (column is null)
        {
            var lookup = schema.FindNavigationProperty(type, last.Text);
            var message = lookup is not null && !lookup.IsCollection
                ? $"'{last.Text}' is a lookup; name the column of the looked-up table that identifies the row, e.g. '{path.Text}.<column>'."
                : $"Table '{type.Name}' has no column '{last.Text}'.{NameSuggestions.Hint(last.Text, schema.SelfAndBaseTypes(type).SelectMany(t => t.Properties).Select(p => p.Name))}";
            _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, last.Range, message);
            return null;
        }

        var columnOwner = new BoundSide(schema, dataverse.EntitySet, type, dataverse.Ref with { ClassName = className }, user);
        if (UseColumn(columnOwner, className, column, last) is not { } used)
        {
            return null;
        }

        segments.Add(new PathSegment(column.Name, null, used.Member));
        return (new ValuePath(segments.ToEquatableArray(), EquatableArray<ValuePathAlternative>.Empty, used.ClrType), column);
    }

    /// <summary>
    /// <c>x.Account(accountnumber).Contact(msdyn_contactpersonid)</c>: the Web API publishes <c>_x_value</c>
    /// and one navigation property <c>x_&lt;table&gt;</c> per target table.
    /// </summary>
    private ValuePath? BindPolymorphic(BoundSide dataverse, DataversePath path, List<(EntityTypeInfo Table, TextRange Range)> lookedUpTables)
    {
        var schema = dataverse.Schema;
        var lookup = path.Segments[0];
        var navigations = schema.SelfAndBaseTypes(dataverse.Type)
            .SelectMany(t => t.NavigationProperties)
            .Where(n => !n.IsCollection && n.Name.StartsWith(lookup.Text + "_", StringComparison.Ordinal))
            .ToList();
        if (navigations.Count == 0 && schema.FindProperty(dataverse.Type, "_" + lookup.Text + "_value") is null)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, lookup.Range,
                $"Table '{dataverse.Type.Name}' has no polymorphic lookup '{lookup.Text}' (no '_{lookup.Text}_value' column).");
            return null;
        }

        var alternatives = new List<ValuePathAlternative>();
        string? clrType = null;
        var failed = false;
        foreach (var target in path.PolymorphicTargets)
        {
            var navigation = navigations.FirstOrDefault(n =>
                schema.FindEntityType(n.TargetTypeFullName) is { } t && string.Equals(t.Name, target.Table.Text, StringComparison.OrdinalIgnoreCase));
            var targetType = navigation is null ? null : schema.FindEntityType(navigation.TargetTypeFullName);
            if (navigation is null || targetType is null)
            {
                var tables = navigations.Select(n => schema.FindEntityType(n.TargetTypeFullName)?.Name).Where(n => n is not null).Select(n => n!);
                _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, target.Table.Range,
                    $"Lookup '{lookup.Text}' cannot point to table '{target.Table.Text}'; it points to {Join(tables)}.");
                failed = true;
                continue;
            }

            var keyColumn = schema.FindProperty(targetType, target.KeyColumn.Text);
            if (keyColumn is null)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, target.KeyColumn.Range,
                    $"Table '{targetType.Name}' has no column '{target.KeyColumn.Text}'.{NameSuggestions.Hint(target.KeyColumn.Text, schema.SelfAndBaseTypes(targetType).SelectMany(t => t.Properties).Select(p => p.Name))}");
                failed = true;
                continue;
            }

            lookedUpTables.Add((targetType, target.Table.Range));
            var targetClass = _context.Usage.Use(_context.Namespace, Side.Dataverse, targetType, schema.EntitySetOf(targetType)?.Name);
            var owner = new BoundSide(schema, dataverse.EntitySet, targetType, dataverse.Ref with { ClassName = targetClass });
            var keyType = UseColumn(owner, targetClass, keyColumn, target.KeyColumn)?.ClrType;
            if (keyType is null)
            {
                failed = true;
                continue;
            }

            if (clrType is not null && ClrTypes.Underlying(clrType) != ClrTypes.Underlying(keyType))
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.FieldTypeMismatch, target.KeyColumn.Range,
                    $"The key columns of a polymorphic lookup must have one type: '{target.KeyColumn.Text}' is {ClrTypes.Display(keyType)}, the first is {ClrTypes.Display(clrType)}.");
                failed = true;
                continue;
            }

            clrType ??= keyType;
            _context.Usage.AddProperty(_context.Namespace, Side.Dataverse, dataverse.Ref.ClassName,
                new EntityPropertyModel(navigation.Name, "global::" + _context.DataverseNamespace + "." + targetClass + "?", targetClass, navigation.TargetTypeFullName));
            alternatives.Add(new ValuePathAlternative(navigation.Name, targetClass, keyColumn.Name));
        }

        return failed || clrType is null
            ? null
            : new ValuePath(EquatableArray.Create(new PathSegment(lookup.Text, null)), alternatives.ToEquatableArray(), clrType);
    }

    /// <summary>
    /// Declares a column on its class and returns its CLR type and, on a user's class, the C# property that holds
    /// it; reports a type the generator cannot represent, or a user's class without a property for the column.
    /// </summary>
    public UsedColumn? UseColumn(BoundSide side, string className, PropertyInfo property, Identifier name)
    {
        var clrType = ClrTypes.Of(property, side.Schema, _context.FoNamespace);
        if (clrType is null)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.FieldTypeMismatch, name.Range,
                $"'{property.Name}' has type '{(property.IsCollection ? "Collection(" + property.TypeName + ")" : property.TypeName)}', which a map cannot copy; map a column of a primitive or enum type.");
            return null;
        }

        string? member = null;
        if (side.User is { } user)
        {
            if (user.StandingFor(property.Name, side.Schema.NameComparer) is not { } own)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, name.Range,
                    $"'{user.Name}' has no property for {(side.Ref.Side == Side.Fo ? "F&O field" : "Dataverse column")} '{property.Name}'; add 'public {ClrTypes.Display(clrType)}? {property.Name} {{ get; set; }}' to it, or [EntityProperty(\"{property.Name}\")] on the property that holds it.");
                return null;
            }

            member = own.Member == property.Name ? null : own.Member;
        }

        if (side.Ref.Side == Side.Fo && side.Schema.FindEnumType(property.TypeName) is { } enumType)
        {
            _context.Usage.AddEnum(_context.Namespace, enumType);
        }

        _context.Usage.AddProperty(_context.Namespace, side.Ref.Side, className, new EntityPropertyModel(property.Name, clrType, null, property.TypeName, member));
        return new UsedColumn(clrType, member);
    }

    /// <summary>
    /// Declares a single-valued lookup on its class and returns its path segment. On a user's class the lookup's
    /// property must hold a class of the user's for the looked-up table, whose class is then returned too.
    /// </summary>
    public (PathSegment Segment, UserEntity? TargetUser)? UseLookup(BoundSide owner, NavigationPropertyInfo navigation, EntityTypeInfo target, Identifier name)
    {
        var schema = owner.Schema;
        if (owner.User is not { } user)
        {
            var targetClass = _context.Usage.Use(_context.Namespace, Side.Dataverse, target, schema.EntitySetOf(target)?.Name);
            _context.Usage.AddProperty(_context.Namespace, Side.Dataverse, owner.Ref.ClassName,
                new EntityPropertyModel(navigation.Name, EntityRef.GeneratedName(_context.Namespace, Side.Dataverse, targetClass) + "?", targetClass, navigation.TargetTypeFullName));
            return (new PathSegment(navigation.Name, targetClass), null);
        }

        var targetSet = schema.EntitySetOf(target)?.Name ?? target.Name;
        var own = user.StandingFor(navigation.Name, schema.NameComparer);
        if (own is null)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, name.Range,
                $"'{user.Name}' has no property for lookup '{navigation.Name}'; add 'public <Class>? {navigation.Name} {{ get; set; }}' to it, where <Class> is a class of yours marked [DataverseEntity(\"{targetSet}\")].");
            return null;
        }

        var targetUser = _context.UserEntities.Find(own.TypeName, Side.Dataverse);
        var targetType = targetUser is null ? null : schema.FindEntitySet(targetUser.EntitySet) is { } set ? schema.EntityTypeOf(set) : null;
        if (targetUser is null || targetType?.FullName != target.FullName)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.FieldTypeMismatch, name.Range,
                $"'{user.Name}.{own.Member}' stands for lookup '{navigation.Name}' to table '{target.Name}', so its type must be a class of yours marked [DataverseEntity(\"{targetSet}\")], not '{ClrTypes.Display(own.TypeName)}'.");
            return null;
        }

        if (UserEntityChecks.Problems(targetUser, schema).Any())
        {
            // Reported at that class.
            return null;
        }

        var className = _context.Usage.UseUser(_context.Namespace, Side.Dataverse, targetUser, target);
        var member = own.Member == navigation.Name ? null : own.Member;
        _context.Usage.AddProperty(_context.Namespace, Side.Dataverse, owner.Ref.ClassName,
            new EntityPropertyModel(navigation.Name, targetUser.QualifiedName + "?", className, navigation.TargetTypeFullName, member));
        return (new PathSegment(navigation.Name, className, member, targetUser.QualifiedName), targetUser);
    }

    /// <summary>A segment written as a C# property of a user's class, as the schema names it.</summary>
    private static Identifier SchemaName(Identifier segment, UserEntity? user) =>
        user?.Member(segment.Text) is { SchemaName: { } schemaName } ? segment with { Text = schemaName } : segment;

    private static string Join(IEnumerable<string> names)
    {
        var list = names.Select(n => "'" + n + "'").ToList();
        return list.Count == 0 ? "no table" : string.Join(", ", list);
    }
}

/// <summary>A column as a map reads or writes it: its CLR type, and the C# property of a user's class when its name differs.</summary>
internal readonly record struct UsedColumn(string ClrType, string? Member);
