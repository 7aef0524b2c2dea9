using System;
using System.IO;
using System.Linq;
using DualWrite.Cli.Commands.Check;
using DualWrite.Generator.Syntax;
using DualWrite.Runtime.OData.Metadata;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.Cli.Commands.Schema;

/// <summary>
/// The entity sets and lookups a folder's maps use on one side, read from the <c>.dwmap</c> files (with the
/// generator's parser) and from maps declared with attributes in C# files (from their syntax).
/// </summary>
internal static class MapUsage
{
    public static CsdlUsage Read(MapFolder folder, Side side)
    {
        var usage = new CsdlUsage();
        foreach (var path in folder.Maps)
        {
            var file = DwmapParser.Parse(path, File.ReadAllText(path));
            foreach (var map in file.Declarations.OfType<MapDeclaration>())
            {
                if (side == Side.Fo)
                {
                    usage.Use(map.FoEntitySet.Text);
                    continue;
                }

                var navigations = usage.Use(map.DataverseEntitySet.Text);
                if (map.Items.OfType<CompanyItem>().Any(c => c.Scope == DualWrite.Generator.Syntax.CompanyScope.Striped))
                {
                    navigations.Add(DualWrite.Runtime.Environments.DataverseCompany.Lookup);
                }

                foreach (var field in map.Items.OfType<FieldItem>())
                {
                    if (field.Dataverse is { } target)
                    {
                        AddLookup(navigations, target.Segments.Select(s => s.Text).ToList(), target.PolymorphicTargets.Select(t => t.Table.Text).ToList());
                    }
                }
            }
        }

        var roots = folder.Sources.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot()).ToList();
        var entityClasses = EntityClasses(roots);
        foreach (var root in roots)
        {
            ReadAttributes(root, side, usage, entityClasses);
        }

        return usage;
    }

    /// <summary>The user's classes that stand for entity sets (<c>[FoEntity("Currencies")]</c>, <c>[DataverseEntity("transactioncurrencies")]</c>), by class name.</summary>
    private static System.Collections.Generic.Dictionary<string, string> EntityClasses(System.Collections.Generic.IEnumerable<Microsoft.CodeAnalysis.SyntaxNode> roots)
    {
        var classes = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in roots.SelectMany(r => r.DescendantNodes().OfType<TypeDeclarationSyntax>()))
        {
            var entity = type.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => Named(a, "FoEntity") || Named(a, "DataverseEntity"));
            if (entity?.ArgumentList is { Arguments.Count: >= 1 } arguments && Text(arguments.Arguments[0]) is { } entitySet)
            {
                classes[type.Identifier.Text] = entitySet;
            }
        }

        return classes;
    }

    private static void ReadAttributes(Microsoft.CodeAnalysis.SyntaxNode root, Side side, CsdlUsage usage, System.Collections.Generic.IReadOnlyDictionary<string, string> entityClasses)
    {
        foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            var attributes = type.AttributeLists.SelectMany(l => l.Attributes).ToList();
            var map = attributes.FirstOrDefault(a => Named(a, "DualWriteMap"));
            if (map?.ArgumentList is not { Arguments.Count: >= 3 } arguments
                || EntitySet(arguments.Arguments[0], entityClasses) is not { } fo || EntitySet(arguments.Arguments[2], entityClasses) is not { } dataverse)
            {
                continue;
            }

            if (side == Side.Fo)
            {
                usage.Use(fo);
                continue;
            }

            var navigations = usage.Use(dataverse);
            if (attributes.Any(a => Named(a, "Company") && a.ArgumentList?.ToString().Contains("Striped", StringComparison.Ordinal) == true))
            {
                navigations.Add(DualWrite.Runtime.Environments.DataverseCompany.Lookup);
            }

            foreach (var field in attributes.Where(a => Named(a, "Field") && a.ArgumentList is { Arguments.Count: >= 3 }))
            {
                if (Text(field.ArgumentList!.Arguments[2]) is { } target)
                {
                    var segments = target.Split('.');
                    var plain = segments.TakeWhile(s => !s.Contains('(', StringComparison.Ordinal)).ToList();
                    var polymorphic = segments.Skip(plain.Count).Select(s => s[..s.IndexOf('(', StringComparison.Ordinal)]).ToList();
                    AddLookup(navigations, plain, polymorphic);
                }
            }
        }
    }

    // A path through a lookup starts with its navigation property; a polymorphic one names one navigation per target
    // table (parentcustomerid.Account(accountnumber) follows parentcustomerid_account).
    private static void AddLookup(System.Collections.Generic.ISet<string> navigations, System.Collections.Generic.IReadOnlyList<string> segments, System.Collections.Generic.IReadOnlyList<string> polymorphicTables)
    {
        if (polymorphicTables.Count > 0)
        {
            foreach (var table in polymorphicTables)
            {
                navigations.Add(segments[0] + "_" + table.ToLowerInvariant());
            }
        }
        else if (segments.Count > 1)
        {
            navigations.Add(segments[0]);
        }
    }

    private static bool Named(AttributeSyntax attribute, string name)
    {
        var text = attribute.Name.ToString();
        var last = text[(text.LastIndexOf('.') + 1)..];
        return last == name || last == name + "Attribute";
    }

    // A map names each side by its entity set ("accounts") or by a user's class that stands for one (typeof(Currency)).
    private static string? EntitySet(AttributeArgumentSyntax argument, System.Collections.Generic.IReadOnlyDictionary<string, string> entityClasses) =>
        argument.Expression is TypeOfExpressionSyntax { Type: var type } && entityClasses.TryGetValue(type.ToString().Split('.')[^1], out var entitySet)
            ? entitySet
            : Text(argument);

    private static string? Text(AttributeArgumentSyntax argument) =>
        argument.Expression is LiteralExpressionSyntax { Token.Value: string text } ? text : null;
}
