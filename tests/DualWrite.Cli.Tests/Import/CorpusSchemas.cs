using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using DualWrite.Generator.Syntax;

namespace DualWrite.Cli.Tests.Import;

/// <summary>
/// The smallest F&amp;O and Dataverse <c>$metadata</c> that a set of maps compiles against: every entity, field,
/// lookup (with an alternate key on the looked-up table made of what the map matches it by) and key they use. A
/// field's type follows what the maps say of it: a field copied as it is has its counterpart's type, literals
/// (defaults, value-map entries, filter values) vote for Boolean, Int32, Decimal or String. F&amp;O fields are spelled
/// differently in case from the maps, so that the compile proves F&amp;O names match ignoring case.
/// </summary>
internal sealed partial class CorpusSchemas
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _votes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, FoEntity> _fo = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<string, DataverseType> _dataverse = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueMapDeclaration> _valueMaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _values = new(StringComparer.Ordinal);

    public static (string Fo, string Dataverse) For(IEnumerable<DwmapFile> files)
    {
        var schemas = new CorpusSchemas();
        var declarations = files.SelectMany(f => f.Declarations).ToList();
        foreach (var valueMap in declarations.OfType<ValueMapDeclaration>())
        {
            schemas._valueMaps[valueMap.Name.Text] = valueMap;
        }

        foreach (var map in declarations.OfType<MapDeclaration>())
        {
            schemas.Add(map);
        }

        return (schemas.FoCsdl(), schemas.DataverseCsdl());
    }

    private void Add(MapDeclaration map)
    {
        var fo = Fo(map.FoEntitySet.Text);
        var table = Table(map.DataverseEntitySet.Text);
        var lookupKeys = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        if (map.Items.OfType<KeyItem>().FirstOrDefault() is { } key)
        {
            foreach (var pair in key.Pairs)
            {
                fo.Key.Add(fo.Property(pair.Fo.Text));
                table.Column(pair.Dataverse.Text);
            }

            table.AddAlternateKey(key.Pairs.Select(p => p.Dataverse.Text));
        }

        foreach (var field in map.Items.OfType<FieldItem>())
        {
            var foId = field.Fo is null ? null : "fo:" + fo.Name + ":" + fo.Property(field.Fo.Text).ToLowerInvariant();
            var dataverseId = field.Dataverse is null ? null : Column(table, field.Dataverse, lookupKeys);
            var via = field.Transforms.OfType<ViaTransform>().FirstOrDefault();
            if (foId is not null && dataverseId is not null && via is null)
            {
                Union(foId, dataverseId);
            }

            if (via is not null && _valueMaps.TryGetValue(via.Name.Text, out var valueMap))
            {
                foreach (var entry in valueMap.Entries)
                {
                    Vote(foId, entry.Fo);
                    Vote(dataverseId, entry.Dataverse);
                }
            }

            foreach (var value in field.Transforms.OfType<DefaultTransform>())
            {
                Vote(field.Direction == Generator.Syntax.SyncDirection.ToFo ? foId : dataverseId, value.Value);
            }
        }

        foreach (var (typeName, columns) in lookupKeys)
        {
            _dataverse[typeName].AddAlternateKey(columns);
        }

        foreach (var filter in map.Items.OfType<FilterItem>())
        {
            var pattern = filter.Side == Generator.Syntax.Side.Fo ? FoComparison() : DataverseComparison();
            foreach (Match match in pattern.Matches(filter.Text))
            {
                var id = filter.Side == Generator.Syntax.Side.Fo
                    ? "fo:" + fo.Name + ":" + fo.Property(match.Groups["field"].Value).ToLowerInvariant()
                    : Id(table, table.Column(match.Groups["field"].Value));
                var value = match.Groups["value"].Value;
                Vote(id, KindOf(value));
                AddValue(id, KindOf(value) switch { "Edm.String" => "s:" + value.Trim('"', '\''), "Edm.Int32" => "i:" + value, _ => null });
            }
        }
    }

    /// <summary>The id of the column a path ends in, adding the lookups on the way and what the map matches each by.</summary>
    private string Column(DataverseType table, DataversePath path, Dictionary<string, SortedSet<string>> lookupKeys)
    {
        if (path.IsPolymorphic)
        {
            var lookup = path.Segments[0].Text;
            table.Column("_" + lookup + "_value", "Edm.Guid");
            string? first = null;
            foreach (var target in path.PolymorphicTargets)
            {
                var targetType = PolymorphicTarget(target.Table.Text);
                table.Navigations[lookup + "_" + targetType.Name] = targetType.Name;
                targetType.Column(target.KeyColumn.Text);
                targetType.AddAlternateKey([target.KeyColumn.Text]);
                var id = Id(targetType, target.KeyColumn.Text);
                if (first is null)
                {
                    first = id;
                }
                else
                {
                    Union(first, id);
                }
            }

            return first!;
        }

        var current = table;
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            var navigation = path.Segments[i].Text;
            current.Column("_" + navigation + "_value", "Edm.Guid");
            var targetName = current.Navigations.TryGetValue(navigation, out var existing) ? existing : "lk_" + current.Name + "_" + navigation;
            current.Navigations[navigation] = targetName;
            var target = Type(targetName, targetName);
            var next = path.Segments[i + 1].Text;
            var child = i + 1 < path.Segments.Count - 1 ? "_" + next + "_value" : next;
            if (!lookupKeys.TryGetValue(targetName, out var columns))
            {
                lookupKeys[targetName] = columns = new SortedSet<string>(StringComparer.Ordinal);
            }

            columns.Add(child);
            current = target;
        }

        return Id(current, current.Column(path.Segments[path.Segments.Count - 1].Text));
    }

    private DataverseType PolymorphicTarget(string table)
    {
        var existing = _dataverse.Values.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase));
        return existing ?? Type(table.ToLowerInvariant(), table.ToLowerInvariant());
    }

    private static string Id(DataverseType type, string column) => "dv:" + type.Name + ":" + column;

    private FoEntity Fo(string name)
    {
        if (!_fo.TryGetValue(name, out var entity))
        {
            _fo[name] = entity = new FoEntity(name);
        }

        return entity;
    }

    private DataverseType Table(string entitySet)
    {
        var name = entitySet.EndsWith("ies", StringComparison.Ordinal) ? entitySet[..^3] + "y"
            : entitySet.EndsWith('s') ? entitySet[..^1]
            : entitySet + "_row";
        var table = Type(name, entitySet);
        table.EntitySet = entitySet;
        return table;
    }

    private DataverseType Type(string name, string entitySet)
    {
        if (!_dataverse.TryGetValue(name, out var type))
        {
            _dataverse[name] = type = new DataverseType(name, entitySet);
        }

        return type;
    }

    private void Vote(string? id, Literal? literal)
    {
        if (id is not null && literal is not null && literal.Kind != LiteralKind.Null)
        {
            AddValue(id, literal.Kind == LiteralKind.String ? "s:" + literal.Value : literal.Kind == LiteralKind.Integer ? "i:" + literal.Value : null);
            Vote(id, literal.Kind switch
            {
                LiteralKind.Boolean => "Edm.Boolean",
                LiteralKind.Integer => "Edm.Int32",
                LiteralKind.Decimal => "Edm.Decimal",
                _ => "Edm.String",
            });
        }
    }

    private void Vote(string id, string? type)
    {
        if (type is null)
        {
            return;
        }

        var root = Find(id);
        if (!_votes.TryGetValue(root, out var votes))
        {
            _votes[root] = votes = new HashSet<string>(StringComparer.Ordinal);
        }

        votes.Add(type);
    }

    private void AddValue(string id, string? value)
    {
        if (value is null)
        {
            return;
        }

        var root = Find(id);
        if (!_values.TryGetValue(root, out var values))
        {
            _values[root] = values = new SortedSet<string>(StringComparer.Ordinal);
        }

        values.Add(value);
    }

    private static string? KindOf(string value) =>
        value.StartsWith('"') || value.StartsWith('\'') ? "Edm.String"
        : value is "true" or "false" ? "Edm.Boolean"
        : value == "null" ? null
        : Regex.IsMatch(value, "^-?[0-9]+$") ? "Edm.Int32"
        : Regex.IsMatch(value, @"^-?[0-9]+\.[0-9]+$") ? "Edm.Decimal"
        : "Edm.String";

    private string TypeOf(string id)
    {
        var votes = _votes.TryGetValue(Find(id), out var found) ? found : [];
        return votes.Count switch
        {
            0 => "Edm.String",
            1 => votes.Single(),
            2 when votes.SetEquals(["Edm.Int32", "Edm.Decimal"]) => "Edm.Decimal",
            _ => "Edm.String",
        };
    }

    private string Find(string id)
    {
        while (_parent.TryGetValue(id, out var parent) && parent != id)
        {
            id = parent;
        }

        return id;
    }

    private void Union(string a, string b)
    {
        var (rootA, rootB) = (Find(a), Find(b));
        if (rootA == rootB)
        {
            return;
        }

        _parent[rootB] = rootA;
        if (_values.Remove(rootB, out var values))
        {
            foreach (var value in values)
            {
                AddValue(rootA, value);
            }
        }

        if (_votes.Remove(rootB, out var votes))
        {
            foreach (var vote in votes)
            {
                Vote(rootA, vote);
            }
        }
    }

    private string FoCsdl()
    {
        var text = new StringBuilder();
        text.Append("""<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="Microsoft.Dynamics.DataEntities" xmlns="http://docs.oasis-open.org/odata/ns/edm">""").Append('\n');
        var enums = new List<string>();
        foreach (var entity in _fo.Values)
        {
            var key = entity.Key.Count > 0 ? entity.Key : [entity.Properties.Values.First()];
            text.Append($"<EntityType Name=\"{entity.Name}\"><Key>").Append(string.Concat(key.Select(k => $"<PropertyRef Name=\"{k}\" />"))).Append("</Key>\n");
            foreach (var property in entity.Properties.Values)
            {
                var id = "fo:" + entity.Name + ":" + property.ToLowerInvariant();
                var type = EnumOf(id, entity.Name + "_" + property, enums) ?? TypeOf(id);
                text.Append($"  <Property Name=\"{property}\" Type=\"{type}\"{(key.Contains(property) ? " Nullable=\"false\"" : string.Empty)} />\n");
            }

            text.Append("</EntityType>\n");
        }

        text.Append(string.Concat(enums));
        text.Append("<EntityContainer Name=\"Resources\">").Append(string.Concat(_fo.Values.Select(e => $"<EntitySet Name=\"{e.Name}\" EntityType=\"Microsoft.Dynamics.DataEntities.{e.Name}\" />")));
        return text.Append("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>").ToString();
    }

    /// <summary>
    /// An F&amp;O field that the maps give both names and numbers (a value map of names, a filter comparing with 1) is an
    /// enum, as NoYes is: its members are the names, numbered in order, and the numbers not among them.
    /// </summary>
    private string? EnumOf(string id, string name, List<string> enums)
    {
        if (!_votes.TryGetValue(Find(id), out var votes) || !votes.SetEquals(["Edm.String", "Edm.Int32"]))
        {
            return null;
        }

        var values = _values[Find(id)];
        var members = values.Where(v => v.StartsWith("s:", StringComparison.Ordinal)).Select((v, i) => (Name: v[2..], Value: i)).ToList();
        foreach (var number in values.Where(v => v.StartsWith("i:", StringComparison.Ordinal)).Select(v => int.Parse(v[2..], System.Globalization.CultureInfo.InvariantCulture)))
        {
            if (!members.Any(m => m.Value == number))
            {
                members.Add(("Value" + number, number));
            }
        }

        enums.Add($"<EnumType Name=\"{name}\">" + string.Concat(members.Select(m => $"<Member Name=\"{m.Name}\" Value=\"{m.Value}\" />")) + "</EnumType>\n");
        return "Microsoft.Dynamics.DataEntities." + name;
    }

    private string DataverseCsdl()
    {
        var text = new StringBuilder();
        text.Append("""<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">""").Append('\n');
        foreach (var type in _dataverse.Values)
        {
            text.Append($"<EntityType Name=\"{type.Name}\"><Key><PropertyRef Name=\"{type.Name}_pk\" /></Key><Property Name=\"{type.Name}_pk\" Type=\"Edm.Guid\" Nullable=\"false\" />\n");
            foreach (var (column, fixedType) in type.Columns)
            {
                text.Append($"  <Property Name=\"{column}\" Type=\"{fixedType ?? TypeOf(Id(type, column))}\" />\n");
            }

            foreach (var (navigation, target) in type.Navigations)
            {
                text.Append($"  <NavigationProperty Name=\"{navigation}\" Type=\"mscrm.{target}\" />\n");
            }

            if (type.AlternateKeys.Count > 0)
            {
                text.Append("  <Annotation Term=\"OData.Community.Keys.V1.AlternateKeys\"><Collection>");
                foreach (var key in type.AlternateKeys)
                {
                    text.Append("<Record Type=\"OData.Community.Keys.V1.AlternateKey\"><PropertyValue Property=\"Key\"><Collection>")
                        .Append(string.Concat(key.Split(',').Select(c => $"<Record Type=\"OData.Community.Keys.V1.PropertyRef\"><PropertyValue Property=\"Alias\" String=\"{c}\" /><PropertyValue Property=\"Name\" PropertyPath=\"{c}\" /></Record>")))
                        .Append("</Collection></PropertyValue></Record>");
                }

                text.Append("</Collection></Annotation>\n");
            }

            text.Append("</EntityType>\n");
        }

        text.Append("<EntityContainer Name=\"System\">").Append(string.Concat(_dataverse.Values.Select(t => $"<EntitySet Name=\"{SecurityElement.Escape(t.EntitySet)}\" EntityType=\"Microsoft.Dynamics.CRM.{t.Name}\" />")));
        return text.Append("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>").ToString();
    }

    [GeneratedRegex(@"\(\s*(?<field>[A-Za-z_][A-Za-z0-9_]*)\s*(==|!=|<=|>=|<|>|=|like\b)\s*(?<value>""[^""]*""|[^()\s|&]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FoComparison();

    [GeneratedRegex(@"\b(?<field>[A-Za-z_][A-Za-z0-9_]*)\s+(eq|ne|gt|ge|lt|le)\s+(?<value>'(?:[^']|'')*'|[^\s()]+)")]
    private static partial Regex DataverseComparison();

    private sealed class FoEntity(string name)
    {
        public string Name { get; } = name;

        /// <summary>By name ignoring case, spelled with only its first letter upper-case.</summary>
        public SortedDictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Key { get; } = [];

        public string Property(string name)
        {
            if (!Properties.TryGetValue(name, out var spelled))
            {
                Properties[name] = spelled = char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant();
            }

            return spelled;
        }
    }

    private sealed class DataverseType(string name, string entitySet)
    {
        public string Name { get; } = name;

        /// <summary>The table's entity set; a table first met as a lookup's target gets it when a map names the set.</summary>
        public string EntitySet { get; set; } = entitySet;

        /// <summary>Each column with its type when it is not decided by votes (the Guid of a lookup).</summary>
        public SortedDictionary<string, string?> Columns { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, string> Navigations { get; } = new(StringComparer.Ordinal);

        public List<string> AlternateKeys { get; } = [];

        public string Column(string name, string? type = null)
        {
            if (!Columns.ContainsKey(name) || type is not null)
            {
                Columns[name] = type;
            }

            return name;
        }

        public void AddAlternateKey(IEnumerable<string> columns)
        {
            var key = string.Join(",", columns.Order(StringComparer.Ordinal));
            if (!AlternateKeys.Contains(key))
            {
                AlternateKeys.Add(key);
            }
        }
    }
}
