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

        foreach (var path in folder.Sources)
        {
            ReadAttributes(CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot(), side, usage);
        }

        return usage;
    }

    private static void ReadAttributes(Microsoft.CodeAnalysis.SyntaxNode root, Side side, CsdlUsage usage)
    {
        foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            var attributes = type.AttributeLists.SelectMany(l => l.Attributes).ToList();
            var map = attributes.FirstOrDefault(a => Named(a, "DualWriteMap"));
            if (map?.ArgumentList is not { Arguments.Count: >= 3 } arguments || Text(arguments.Arguments[0]) is not { } fo || Text(arguments.Arguments[2]) is not { } dataverse)
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

    private static string? Text(AttributeArgumentSyntax argument) =>
        argument.Expression is LiteralExpressionSyntax { Token.Value: string text } ? text : null;
}
