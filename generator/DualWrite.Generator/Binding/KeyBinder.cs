using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Resolves the integration key (DSL.md §4 "Integration key"): the Dataverse columns must be exactly one
/// alternate key of the table and the F&amp;O fields the entity key, both less the company of a striped map.
/// Without <c>key</c>, the one alternate key whose columns the fields map from the F&amp;O key is used.
/// </summary>
internal sealed class KeyBinder
{
    private readonly BindingContext _context;

    public KeyBinder(BindingContext context) => _context = context;

    /// <summary>
    /// False, after reporting it at the map's entity set, when the F&amp;O entity's schema has no key or a key naming a
    /// property the entity does not declare: company scope, key and numbers all rest on that key.
    /// </summary>
    public static bool HasUsableEntityKey(BindingContext context, BoundSide fo, Identifier entitySet)
    {
        var key = fo.Schema.KeyOf(fo.Type);
        var undeclared = key.Where(name => fo.Schema.FindProperty(fo.Type, name) is null).ToList();
        if (key.Count > 0 && undeclared.Count == 0)
        {
            return true;
        }

        context.Diagnostics.Add(DiagnosticDescriptors.FoKeyNotEntityKey, entitySet.Range, key.Count == 0
            ? $"F&O entity type '{fo.Type.Name}' of '{fo.EntitySet.Name}' declares no <Key> in the schema, so its records cannot be identified; correct the schema (export $metadata again) or map another entity."
            : $"The <Key> of F&O entity type '{fo.Type.Name}' of '{fo.EntitySet.Name}' names {string.Join(", ", undeclared.Select(n => "'" + n + "'"))}, which the type does not declare as a <Property>; correct the schema (export $metadata again).");
        return false;
    }

    public (EquatableArray<KeyMemberModel> Fo, EquatableArray<KeyMemberModel> Dataverse)? Bind(
        MapDeclaration map, BoundSide fo, BoundSide dataverse, CompanyScope? company, IReadOnlyList<BoundField> fields)
    {
        if (company is null)
        {
            return null;
        }

        var striped = company == CompanyScope.Striped;
        var keyItems = map.Items.OfType<KeyItem>().ToList();
        foreach (var extra in keyItems.Skip(1))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.DuplicateName, extra.Range, "'key' is already given for this map; list all key pairs in one 'key' clause.");
        }

        var foKey = fo.Schema.KeyOf(fo.Type).Where(k => !striped || !CompanyNames.IsDataAreaId(k)).ToList();
        List<(PropertyInfo Fo, PropertyInfo Dataverse, Identifier FoName, Identifier DataverseName)>? pairs = keyItems.Count > 0
            ? BindDeclared(keyItems[0], fo, dataverse, striped, foKey)
            : Infer(map, fo, dataverse, striped, foKey, fields);
        if (pairs is null)
        {
            return null;
        }

        if (map.Direction == SyncDirection.Both && !_context.HasSyntaxErrorsIn(map.Range))
        {
            WarnKeysNotMappedBothWays(pairs, fields);
        }

        var paths = new PathBinder(_context);
        var foMembers = new List<KeyMemberModel>();
        var dataverseMembers = new List<KeyMemberModel>();
        if (striped)
        {
            // On a user's class the company is needed whatever the map names, so a missing property is reported
            // at the class's typeof.
            var dataAreaId = fo.Schema.FindProperty(fo.Type, CompanyNames.DataAreaId)!;
            var foCompany = paths.UseColumn(fo, fo.Ref.ClassName, dataAreaId, new Identifier(dataAreaId.Name, fo.User is null ? map.Name.Range : map.FoEntitySet.Range));
            var dataverseCompany = CompanyPath(dataverse, paths, dataverse.User is null ? map.Name.Range : map.DataverseEntitySet.Range);
            if (foCompany is not { } foColumn || dataverseCompany is null)
            {
                return null;
            }

            foMembers.Add(new KeyMemberModel(dataAreaId.Name, Column(dataAreaId.Name, foColumn)));
            dataverseMembers.Add(new KeyMemberModel(CompanyNames.KeyMember, dataverseCompany));
        }

        foreach (var pair in pairs)
        {
            var foColumn = paths.UseColumn(fo, fo.Ref.ClassName, pair.Fo, pair.FoName);
            var dataverseColumn = paths.UseColumn(dataverse, dataverse.Ref.ClassName, pair.Dataverse, pair.DataverseName);
            if (foColumn is not { } foUsed || dataverseColumn is not { } dataverseUsed)
            {
                return null;
            }

            foMembers.Add(new KeyMemberModel(pair.Fo.Name, Column(pair.Fo.Name, foUsed)));
            dataverseMembers.Add(new KeyMemberModel(pair.Dataverse.Name, Column(pair.Dataverse.Name, dataverseUsed)));
        }

        return (foMembers.ToEquatableArray(), dataverseMembers.ToEquatableArray());
    }

    private List<(PropertyInfo, PropertyInfo, Identifier, Identifier)>? BindDeclared(
        KeyItem key, BoundSide fo, BoundSide dataverse, bool striped, List<string> foKey)
    {
        var pairs = new List<(PropertyInfo, PropertyInfo, Identifier, Identifier)>();
        var failed = false;
        foreach (var pair in key.Pairs)
        {
            var foProperty = fo.Schema.FindProperty(fo.Type, pair.Fo.Text);
            var dataverseProperty = dataverse.Schema.FindProperty(dataverse.Type, pair.Dataverse.Text);
            if (foProperty is null)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, pair.Fo.Range,
                    $"F&O entity '{fo.EntitySet.Name}' has no field '{pair.Fo.Text}'.{NameSuggestions.Hint(pair.Fo.Text, foKey)}");
                failed = true;
            }

            if (dataverseProperty is null)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, pair.Dataverse.Range,
                    $"Dataverse table '{dataverse.EntitySet.Name}' has no column '{pair.Dataverse.Text}'.{NameSuggestions.Hint(pair.Dataverse.Text, dataverse.Schema.AlternateKeysOf(dataverse.Type).SelectMany(k => k.Properties))}");
                failed = true;
            }

            if (foProperty is not null && dataverseProperty is not null)
            {
                pairs.Add((foProperty, dataverseProperty, pair.Fo, pair.Dataverse));
            }
        }

        if (failed)
        {
            return null;
        }

        var foFields = pairs.Select(p => p.Item1.Name).ToList();
        if (!SameSet(foFields, foKey, StringComparer.OrdinalIgnoreCase))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.FoKeyNotEntityKey, key.Pairs[0].Fo.Range,
                $"The F&O key of '{fo.EntitySet.Name}' is {Describe(fo.Schema.KeyOf(fo.Type))}; list {Describe(foKey)}{(striped ? " (dataAreaId comes from company striping)" : string.Empty)}.");
            return null;
        }

        var columns = pairs.Select(p => p.Item2.Name).ToList();
        if (striped)
        {
            columns.Add(CompanyNames.LookupValue);
        }

        var alternateKeys = dataverse.Schema.AlternateKeysOf(dataverse.Type).ToList();
        if (!alternateKeys.Any(k => SameSet(columns, k.Properties, StringComparer.Ordinal)))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.DataverseKeyNotAlternateKey, key.Pairs[0].Dataverse.Range,
                $"{Describe(columns)} is not an alternate key of '{dataverse.EntitySet.Name}'; its alternate keys are {DescribeKeys(alternateKeys)}{(striped ? " (the company lookup is added by company striping)" : string.Empty)}.");
            return null;
        }

        return pairs;
    }

    private List<(PropertyInfo, PropertyInfo, Identifier, Identifier)>? Infer(
        MapDeclaration map, BoundSide fo, BoundSide dataverse, bool striped, List<string> foKey, IReadOnlyList<BoundField> fields)
    {
        var alternateKeys = dataverse.Schema.AlternateKeysOf(dataverse.Type).ToList();
        var candidates = new List<List<(PropertyInfo, PropertyInfo, Identifier, Identifier)>>();
        foreach (var alternateKey in alternateKeys)
        {
            if (alternateKey.Properties.Contains(CompanyNames.LookupValue) != striped)
            {
                continue;
            }

            var pairs = new List<(PropertyInfo, PropertyInfo, Identifier, Identifier)>();
            foreach (var column in alternateKey.Properties.Where(p => p != CompanyNames.LookupValue))
            {
                // From a key field: another field may read the same column ('OrganizationName <- accountnumber').
                var field = fields.FirstOrDefault(f => f.Syntax.Fo is not null && foKey.Contains(f.Syntax.Fo.Text, StringComparer.OrdinalIgnoreCase)
                    && f.Syntax.Dataverse is { IsPolymorphic: false, Segments.Count: 1 } path && path.Segments[0].Text == column);
                var foProperty = field is null ? null : fo.Schema.FindProperty(fo.Type, field.Syntax.Fo!.Text);
                var dataverseProperty = dataverse.Schema.FindProperty(dataverse.Type, column);
                if (foProperty is null || dataverseProperty is null)
                {
                    pairs = null;
                    break;
                }

                pairs.Add((foProperty, dataverseProperty, field!.Syntax.Fo!, field.Syntax.Dataverse!.Segments[0]));
            }

            if (pairs is not null && SameSet(pairs.Select(p => p.Item1.Name).ToList(), foKey, StringComparer.OrdinalIgnoreCase))
            {
                candidates.Add(pairs);
            }
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (_context.HasSyntaxErrorsIn(map.Range))
        {
            return null;
        }

        // The one case a fix can write the key for: one alternate key and one F&O key field, each of one column.
        var single = alternateKeys.Where(k => k.Properties.Contains(CompanyNames.LookupValue) == striped).ToList();
        var columns = single.Count == 1 ? single[0].Properties.Where(p => p != CompanyNames.LookupValue).ToList() : null;
        var fix = candidates.Count == 0 && columns is { Count: 1 } && foKey.Count == 1
            ? new[] { FixProperties.FoKey, foKey[0], FixProperties.DataverseKey, columns[0] }
            : System.Array.Empty<string>();
        _context.Diagnostics.Add(DiagnosticDescriptors.NoCandidateAlternateKey, map.Name.Range, candidates.Count == 0
            ? $"Map '{map.Name.Text}' has no 'key' and no alternate key of '{dataverse.EntitySet.Name}' (it has {DescribeKeys(alternateKeys)}) is mapped from the F&O key {Describe(foKey)}; write 'key {(foKey.Count > 0 ? foKey[0] : "<Field>")} <-> <column>'."
            : $"Map '{map.Name.Text}' has no 'key' and {candidates.Count} alternate keys of '{dataverse.EntitySet.Name}' could identify its rows ({string.Join("; ", candidates.Select(c => string.Join(", ", c.Select(p => p.Item1.Name + " <-> " + p.Item2.Name))))}); choose one with 'key'.", fix);
        return null;
    }

    private void WarnKeysNotMappedBothWays(List<(PropertyInfo Fo, PropertyInfo Dataverse, Identifier FoName, Identifier DataverseName)> pairs, IReadOnlyList<BoundField> fields)
    {
        foreach (var pair in pairs)
        {
            var mapped = fields.Any(f => f.Model.Direction == SyncDirection.Both
                && f.Syntax.Fo is not null && string.Equals(f.Syntax.Fo.Text, pair.Fo.Name, StringComparison.OrdinalIgnoreCase)
                && f.Syntax.Dataverse is { IsPolymorphic: false, Segments.Count: 1 } path && path.Segments[0].Text == pair.Dataverse.Name);
            if (!mapped)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.KeyNotMappedBothWays, pair.FoName.Range,
                    $"Key field '{pair.Fo.Name}' is not mapped both ways, so records created on one side lack their key on the other; add '{pair.Fo.Name} <-> {pair.Dataverse.Name}'.");
            }
        }
    }

    /// <summary><c>msdyn_company.cdm_companycode</c>, or null after reporting what a user's class lacks for it.</summary>
    private ValuePath? CompanyPath(BoundSide dataverse, PathBinder paths, TextRange site)
    {
        var schema = dataverse.Schema;
        var lookup = schema.FindNavigationProperty(dataverse.Type, CompanyNames.Lookup)!;
        var companyType = schema.FindEntityType(lookup.TargetTypeFullName)!;
        if (paths.UseLookup(dataverse, lookup, companyType, new Identifier(lookup.Name, site)) is not { } company)
        {
            return null;
        }

        var companyClass = company.Segment.ReferenceClass!;
        var code = schema.FindProperty(companyType, CompanyNames.CodeColumn);
        string? codeMember = null;
        if (code is not null && company.TargetUser is not null)
        {
            var owner = new BoundSide(schema, dataverse.EntitySet, companyType, dataverse.Ref with { ClassName = companyClass }, company.TargetUser);
            if (paths.UseColumn(owner, companyClass, code, new Identifier(code.Name, site)) is not { } used)
            {
                return null;
            }

            codeMember = used.Member;
        }
        else if (code is not null)
        {
            _context.Usage.AddProperty(_context.Namespace, Side.Dataverse, companyClass, new EntityPropertyModel(code.Name, ClrTypes.String, null, code.TypeName));
        }

        return new ValuePath(
            EquatableArray.Create(company.Segment, new PathSegment(CompanyNames.CodeColumn, null, codeMember)),
            EquatableArray<ValuePathAlternative>.Empty,
            ClrTypes.String);
    }

    private static ValuePath Column(string name, UsedColumn column) =>
        new(EquatableArray.Create(new PathSegment(name, null, column.Member)), EquatableArray<ValuePathAlternative>.Empty, column.ClrType);

    private static bool SameSet(IReadOnlyCollection<string> left, IReadOnlyCollection<string> right, StringComparer comparer) =>
        left.Count == right.Count && new HashSet<string>(left, comparer).SetEquals(right);

    private static string Describe(IEnumerable<string> names) => "(" + string.Join(", ", names) + ")";

    private static string DescribeKeys(IEnumerable<AlternateKeyInfo> keys)
    {
        var list = keys.Select(k => Describe(k.Properties)).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
