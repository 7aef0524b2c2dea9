using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualWrite.Generator.Tests.Generator;

/// <summary>
/// Proves the pipeline caches (after System.Text.Json's and the logging generator's incremental tests): an
/// edit re-runs the edited file's steps only, a C# edit re-runs nothing that produces output, and the cached
/// models hold no Roslyn symbols, syntax or compilations.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] OwnSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    private static readonly string[] OutputSteps =
    {
        TrackingNames.Maps, TrackingNames.ValueMaps, TrackingNames.Numbers, TrackingNames.EntityClasses, TrackingNames.Enums, TrackingNames.MapOrder,
    };

    [Fact]
    public void Editing_a_csharp_file_regenerates_nothing()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Contoso.Integration; public static class Unrelated { public static int Answer() => 42; }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Unchanged, result.TrackedSteps[TrackingNames.ViaMethods].Single().Outputs.Single().Reason);

        // The attribute transforms read the new compilation's semantic model, so they run again; what they read is equal.
        var rereadEveryCompilation = new[] { TrackingNames.ViaMethods, TrackingNames.MapAttributes, TrackingNames.ValueMapAttributes, TrackingNames.SchemaAttributes, TrackingNames.FoUserEntities, TrackingNames.DataverseUserEntities };
        Assert.All(result.TrackedSteps[TrackingNames.MapAttributes].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        foreach (var (name, steps) in result.TrackedSteps.Where(s => OwnSteps.Contains(s.Key) && !rereadEveryCompilation.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason == IncrementalStepRunReason.Cached, $"Step {name} was {output.Reason} after a C# edit.");
            }
        }
    }

    [Fact]
    public void Editing_one_map_file_reruns_only_its_steps()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation);

        var products = texts.Single(t => t.Path.EndsWith("products.dwmap", StringComparison.Ordinal));
        var edit = new InMemoryAdditionalText(products.Path, "// a comment that moves every token of this file\n" + products.GetText()!.ToString().Replace("ProductName        -> msdyn_productname", "ProductName -> msdyn_productname"));
        driver = driver.ReplaceAdditionalText(products, edit).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var parse = result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).ToList();
        Assert.Single(parse, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(parse.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        var bind = result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(bind.Count - 1, bind.Count(o => o.Reason == IncrementalStepRunReason.Cached));

        Assert.DoesNotContain(result.TrackedSteps[TrackingNames.ReadSchema].SelectMany(s => s.Outputs), o => o.Reason != IncrementalStepRunReason.Cached);
        foreach (var name in OutputSteps)
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step {name} was {output.Reason} after moving text in one file.");
            }
        }
    }

    [Fact]
    public void Changing_a_mapping_regenerates_that_map_only()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation);

        var products = texts.Single(t => t.Path.EndsWith("products.dwmap", StringComparison.Ordinal));
        var edit = new InMemoryAdditionalText(products.Path, products.GetText()!.ToString().Replace("default 690970000", "default 690970001"));
        var result = driver.ReplaceAdditionalText(products, edit).RunGenerators(compilation).GetRunResult().Results.Single();

        var maps = result.TrackedSteps[TrackingNames.Maps].SelectMany(s => s.Outputs).ToList();
        var changed = maps.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(o => ((Model.MapModel)o.Value).Name).ToList();
        Assert.Equal(new[] { "Products" }, changed);
        // Unchanged: recomputed from the collected maps (which drops a name declared twice) and equal, so not emitted again.
        Assert.All(maps.Where(o => ((Model.MapModel)o.Value).Name != "Products"), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Editing_an_unrelated_csharp_file_leaves_attribute_maps_cached()
    {
        var (texts, sources) = AttributeSample();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Contoso.Integration; public static class Unrelated { public static int Answer() => 42; }", GeneratorHarness.ParseOptions, path: "/project/Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The attribute transforms run again on a new compilation (their semantic model is new); what they read is
        // equal, so everything after them stays cached.
        foreach (var name in new[] { TrackingNames.MapAttributes, TrackingNames.ValueMapAttributes })
        {
            Assert.All(result.TrackedSteps[name].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} was {o.Reason}"));
        }

        foreach (var name in OutputSteps.Append(TrackingNames.Bind))
        {
            Assert.All(result.TrackedSteps[name].SelectMany(s => s.Outputs), o => Assert.True(o.Reason == IncrementalStepRunReason.Cached, $"{name} was {o.Reason} after an unrelated C# edit."));
        }
    }

    [Fact]
    public void Editing_one_attribute_map_rebinds_only_that_map()
    {
        var (texts, sources) = AttributeSample();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Last();
        var text = tree.GetText().ToString();
        var editedTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace("Default = 690970000", "Default = 690970001")));
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, editedTree)).GetRunResult().Results.Single();

        var maps = result.TrackedSteps[TrackingNames.Maps].SelectMany(s => s.Outputs).ToList();
        var changed = maps.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(o => ((Model.MapModel)o.Value).Name).ToList();
        Assert.Equal(new[] { "Products" }, changed);
    }

    [Fact]
    public void Moving_a_user_class_text_rechecks_it_and_rebinds_nothing()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation);

        var tree = UserClassesTree(compilation);
        var moved = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("// Contoso's currency types.\n\n" + tree.GetText()));
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, moved)).GetRunResult().Results.Single();

        // The classes' positions changed, so the declarations differ; their facts do not.
        Assert.Contains(result.TrackedSteps[TrackingNames.FoUserEntities].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(result.TrackedSteps[TrackingNames.UserEntities].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"UserEntities was {o.Reason}"));
        foreach (var name in OutputSteps.Append(TrackingNames.Bind))
        {
            Assert.All(result.TrackedSteps[name].SelectMany(s => s.Outputs), o => Assert.True(o.Reason == IncrementalStepRunReason.Cached, $"{name} was {o.Reason} after moving a user class's text."));
        }
    }

    [Fact]
    public void Editing_a_user_class_re_emits_only_the_map_over_it()
    {
        var result = RunAfterEditingTheCurrencyClass();

        Assert.All(result.TrackedSteps[TrackingNames.UserEntities].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        var maps = result.TrackedSteps[TrackingNames.Maps].SelectMany(s => s.Outputs).ToList();
        var changed = maps.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(o => ((Model.MapModel)o.Value).Name).ToList();
        Assert.Equal(new[] { "Currencies" }, changed);
    }

    [Fact]
    public void Editing_a_user_class_rebinds_only_the_maps_that_read_it()
    {
        var result = RunAfterEditingTheCurrencyClass();

        var rebound = result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs).Where(o => o.Reason is not IncrementalStepRunReason.Cached).ToList();
        Assert.Equal(new[] { "Currencies" }, rebound.SelectMany(o => ((DualWrite.Generator.Binding.BoundFile)o.Value).Maps).Select(m => m.Name));
    }

    /// <summary>The sample after renaming a property of its user class <c>Currency</c> (the schema name stays).</summary>
    private static GeneratorRunResult RunAfterEditingTheCurrencyClass()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation);

        var tree = UserClassesTree(compilation);
        var text = tree.GetText().ToString();
        var edited = text.Replace("    public string? Symbol { get; set; }\n\n    /// <summary>Contoso's own", "    [EntityProperty(\"Symbol\")]\n    public string? CurrencySymbol { get; set; }\n\n    /// <summary>Contoso's own", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited)))).GetRunResult().Results.Single();
        return result;
    }

    private static SyntaxTree UserClassesTree(Compilation compilation) =>
        compilation.SyntaxTrees.Single(t => t.GetText().ToString().Contains("[FoEntity(\"Currencies\")]", StringComparison.Ordinal));

    [Fact]
    public void Cached_models_hold_no_roslyn_symbols_syntax_or_compilations()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var (attributeTexts, attributeSources) = AttributeSample();
        var results = new[]
        {
            GeneratorHarness.Run(texts, sources, "Contoso.Integration").Result.Results.Single(),
            GeneratorHarness.Run(attributeTexts, attributeSources, "Contoso.Integration").Result.Results.Single(),
        };
        Assert.All(OwnSteps, name => Assert.Contains(results, r => r.TrackedSteps.ContainsKey(name)));
        foreach (var (name, steps) in results.SelectMany(r => r.TrackedSteps).Where(s => OwnSteps.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                ModelWalker.AssertFreeOfRoslynObjects(output.Value, name);
            }
        }
    }

    /// <summary>The sample's maps written with attributes, the schemas under the harness's project directory.</summary>
    private static (List<AdditionalText> Texts, List<string> Sources) AttributeSample()
    {
        var texts = MapTest.SampleSchemas()
            .Select(s => (AdditionalText)new InMemoryAdditionalText(GeneratorHarness.ProjectDirectory + "schemas/" + s.Key, s.Value))
            .ToList();
        var (_, sources) = GeneratorHarness.SampleInputs();
        var plain = sources.Where(s => !s.Contains("[DualWriteMap(", StringComparison.Ordinal)).ToList();
        plain.Add(System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.TestProject, "TestData", "attributes", "ContosoMaps.cs")));
        return (texts, plain);
    }
}

/// <summary>Walks an object graph and fails on any Roslyn object that would pin a compilation in the cache.</summary>
internal static class ModelWalker
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(AdditionalText) };

    public static void AssertFreeOfRoslynObjects(object? root, string step)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, step);

        void Visit(object? value, string path)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is DiagnosticDescriptor)
            {
                return;
            }

            var type = value.GetType();
            Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.FullName}.");
            if (!type.IsValueType && !visited.Add(value))
            {
                return;
            }

            if (value is IEnumerable sequence)
            {
                var i = 0;
                foreach (var item in sequence)
                {
                    Visit(item, $"{path}[{i++}]");
                }

                return;
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Visit(field.GetValue(value), path + "." + field.Name);
            }
        }
    }
}
