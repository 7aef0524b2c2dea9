using System;
using System.Collections.Immutable;
using System.Linq;
using DualWrite.Generator.Attributes;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Emit;
using DualWrite.Generator.Filters;
using DualWrite.Generator.Incremental;
using DualWrite.Generator.Model;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.UserTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.Generator;

/// <summary>
/// Compiles the project's maps — .dwmap files and <c>[DualWriteMap]</c> attributes — into typed maps, checked
/// against both environments' $metadata. Both front ends produce the same syntax tree (one per .dwmap file or
/// attributed class), from which binding, checks and emit are shared. The pipeline keeps each file in its own
/// steps (parse, bind) and joins files only through small position-free values (schema paths, declaration
/// index, via signatures), so an edit re-runs the edited file's steps and leaves the other files' output cached.
/// Binding goes further, per declaration and free of positions (<see cref="DeclarationUnit"/>), against the slice of
/// the schemas that declaration reads (<see cref="SchemaSlice"/>), so that an edit of a map or of an entity type
/// re-binds only the declarations it changes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DualWriteGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static c => c.AddSource(FilterFunctionsSource.HintName, FilterFunctionsSource.Text));

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) && !string.IsNullOrWhiteSpace(value) ? value : null)
            .WithTrackingName(TrackingNames.RootNamespace);

        var dwmapFiles = context.AdditionalTextsProvider
            .Where(static text => IsDwmap(text.Path))
            .Select(static (text, cancellationToken) => DwmapParser.Parse(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var files = dwmapFiles.Collect()
            .Combine(AttributeFiles(context).Collect())
            .SelectMany(static (all, _) => all.Left.AddRange(all.Right))
            .WithTrackingName(TrackingNames.Files);

        var sites = files
            .Select(static (file, _) => DeclarationSites.Of(file))
            .WithTrackingName(TrackingNames.SchemaDeclarations);

        var schemaPaths = sites
            .Select(static (site, _) => site.Schemas)
            .Collect()
            .Select(static (all, _) => SchemaDeclarations.FirstPerSide(all))
            .WithTrackingName(TrackingNames.SchemaPaths);

        var additionalFilePaths = context.AdditionalTextsProvider
            .Select(static (text, _) => SchemaDeclarations.Normalize(text.Path))
            .Collect()
            .Select(static (paths, _) => paths.ToEquatableArray())
            .WithTrackingName(TrackingNames.AdditionalFilePaths);

        // Only declared schema files are read; the AdditionalText itself is passed on so that a change in the
        // declarations does not re-read a multi-megabyte document whose text did not change.
        var loadedSchemas = context.AdditionalTextsProvider
            .Where(static text => !IsDwmap(text.Path))
            .Combine(schemaPaths)
            .Where(static pair => pair.Right.Any(s => s.Path == SchemaDeclarations.Normalize(pair.Left.Path)))
            .Select(static (pair, _) => pair.Left)
            .Select(static (text, cancellationToken) => new LoadedSchema(
                SchemaDeclarations.Normalize(text.Path),
                CsdlReader.Read(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty, cancellationToken)))
            .WithTrackingName(TrackingNames.ReadSchema)
            .Collect();

        var schemas = loadedSchemas
            .Combine(schemaPaths)
            .Select(static (pair, _) => LoadedSchema.Pick(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Schemas);

        var declarations = files
            .Combine(rootNamespace)
            .Select(static (pair, _) => DeclarationIndex.Of(pair.Left, pair.Right))
            .Collect()
            .Select(static (all, _) => DeclarationIndex.Merge(all))
            .WithTrackingName(TrackingNames.Declarations);

        var viaNames = files
            .Select(static (file, _) => ViaNames.Of(file))
            .Collect()
            .Select(static (all, _) => ViaNames.Merge(all))
            .WithTrackingName(TrackingNames.ViaNames);

        var viaMethods = viaNames
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => ViaMethodResolver.Resolve(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ViaMethods);

        var userEntityDeclarations = UserEntityDeclarations(context);

        // Binding sees the classes' facts without their positions, so moving a class's text re-checks the class
        // and re-binds nothing.
        var userEntities = userEntityDeclarations
            .Select(static (declaration, _) => declaration.Entity)
            .Collect()
            .Select(static (all, _) => new UserEntitySet(all.ToEquatableArray()))
            .WithTrackingName(TrackingNames.UserEntities);

        // Binding works per declaration, on a copy of it whose positions count from its own start: an edit re-binds
        // the declarations whose text changed, and text that only moves (a comment line, blank lines, a declaration
        // above growing) re-binds nothing. FilePositions puts the positions back when diagnostics are reported.
        var units = files
            .SelectMany(static (file, _) => DeclarationUnit.Of(file))
            .WithTrackingName(TrackingNames.Units);

        var positions = files
            .Select(static (file, _) => FilePositions.Of(file))
            .Collect()
            .Select(static (all, _) => new FilePositionsByPath(all))
            .WithTrackingName(TrackingNames.Positions);

        // Each unit binds against the slice of the schemas and of the user's classes it reads: the slices are cut
        // again after an edit of a schema or of a class, but only the units whose slice changed are bound again.
        var indexedSchemas = schemas
            .Select(static (context, _) => new IndexedSchemas(context))
            .WithTrackingName(TrackingNames.IndexedSchemas);

        // What every unit reads is combined into one value before it meets the units: each Combine with the units is
        // a step the driver walks unit by unit on every edit, so there is one per step, not one per value read.
        var sliceInputs = indexedSchemas.Combine(declarations).Combine(userEntities);
        var slicedUnits = units
            .Combine(sliceInputs)
            .Select(static (input, _) =>
            {
                var unit = input.Left;
                var ((schemas, declarations), userEntities) = input.Right;
                var userEntitySlice = UserEntitySlice.For(unit.File, declarations, userEntities);
                return (Unit: unit, Schemas: SchemaSlice.For(unit.File, schemas, declarations, userEntitySlice), UserEntities: userEntitySlice);
            })
            .WithTrackingName(TrackingNames.SchemaSlice);

        var bindInputs = declarations.Combine(viaMethods).Combine(rootNamespace);
        var bound = slicedUnits
            .Combine(bindInputs)
            .Select(static (input, cancellationToken) =>
            {
                var sliced = input.Left;
                var ((declarations, viaMethods), rootNamespace) = input.Right;
                return FileBinder.Bind(sliced.Unit.File, sliced.Schemas, declarations, viaMethods, rootNamespace, sliced.UserEntities, cancellationToken) with { UnitIndex = sliced.Unit.Index };
            })
            .WithTrackingName(TrackingNames.Bind);

        var userEntityDiagnostics = userEntityDeclarations
            .Collect()
            .Combine(schemas)
            .Select(static (input, _) => UserEntityChecks.Check(input.Left, input.Right))
            .WithTrackingName(TrackingNames.UserEntityDiagnostics);
        Report(context, userEntityDiagnostics);

        RegisterDiagnostics(context, files, bound, positions, sites, additionalFilePaths, loadedSchemas);
        RegisterSources(context, bound, rootNamespace);
    }

    /// <summary>The attribute front end: one syntax tree per attributed class, and one per file of schema attributes.</summary>
    private static IncrementalValuesProvider<DwmapFile> AttributeFiles(IncrementalGeneratorInitializationContext context)
    {
        var projectDirectory = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.ProjectDir", out var value) && !string.IsNullOrWhiteSpace(value) ? value : null)
            .WithTrackingName(TrackingNames.ProjectDirectory);

        var maps = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Map, static (node, _) => node is ClassDeclarationSyntax, static (c, cancellationToken) => AttributeFrontEnd.ReadMap(c, cancellationToken))
            .WithTrackingName(TrackingNames.MapAttributes);

        var valueMaps = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.ValueMap, static (node, _) => node is ClassDeclarationSyntax, static (c, cancellationToken) => AttributeFrontEnd.ReadValueMap(c, cancellationToken))
            .WithTrackingName(TrackingNames.ValueMapAttributes);

        // Schema paths are relative to the project directory, as MSBuild items are; without it (a compilation
        // outside MSBuild), to the declaring file's directory.
        var schemas = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Schema, static (node, _) => node is CompilationUnitSyntax, static (c, cancellationToken) => AttributeFrontEnd.ReadSchemas(c, cancellationToken))
            .Combine(projectDirectory)
            .Select(static (pair, _) => pair.Left with { SchemaDirectory = pair.Right ?? System.IO.Path.GetDirectoryName(pair.Left.Path) })
            .WithTrackingName(TrackingNames.SchemaAttributes);

        return maps.Collect()
            .Combine(valueMaps.Collect())
            .Combine(schemas.Collect())
            .SelectMany(static (all, _) => all.Left.Left.AddRange(all.Left.Right).AddRange(all.Right));
    }

    /// <summary>The classes the user owns that stand for an entity set (<c>[FoEntity]</c>, <c>[DataverseEntity]</c>).</summary>
    private static IncrementalValuesProvider<UserEntityDeclaration> UserEntityDeclarations(IncrementalGeneratorInitializationContext context)
    {
        var fo = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.FoEntity, static (node, _) => node is ClassDeclarationSyntax, static (c, cancellationToken) => UserEntityReader.Read(c, Side.Fo, cancellationToken))
            .WithTrackingName(TrackingNames.FoUserEntities);
        var dataverse = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.DataverseEntity, static (node, _) => node is ClassDeclarationSyntax, static (c, cancellationToken) => UserEntityReader.Read(c, Side.Dataverse, cancellationToken))
            .WithTrackingName(TrackingNames.DataverseUserEntities);
        return fo.Collect()
            .Combine(dataverse.Collect())
            .SelectMany(static (all, _) => all.Left.AddRange(all.Right));
    }

    private static void RegisterDiagnostics(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<DwmapFile> files,
        IncrementalValuesProvider<BoundFile> bound,
        IncrementalValueProvider<FilePositionsByPath> positions,
        IncrementalValuesProvider<DeclarationSites> sites,
        IncrementalValueProvider<EquatableArray<string>> additionalFilePaths,
        IncrementalValueProvider<ImmutableArray<LoadedSchema>> loadedSchemas)
    {
        Report(context, files.Select(static (file, _) => file.Diagnostics.Concat(GeneratedNameChecks.NamespaceDiagnostics(file)).ToEquatableArray()));

        // Reported per unit, so that an edit reports again only the units whose diagnostics moved or changed. The
        // relocation itself runs over every unit in one step (a binary search per diagnostic): fed per unit with its
        // file's positions, every unit of a file whose lines changed would run a step of its own, and a file holding
        // every map has its lines changed by any edit.
        var boundDiagnostics = bound
            .Select(static (unit, _) => UnitDiagnostics.Of(unit))
            .WithTrackingName(TrackingNames.BindDiagnostics);
        Report(context, boundDiagnostics
            .Collect()
            .Combine(positions)
            .SelectMany(static (input, _) => UnitDiagnostics.Relocate(input.Left, input.Right))
            .WithTrackingName(TrackingNames.RelocatedDiagnostics));

        // The cycle check sees every map's names and edges, free of positions: an edit that keeps them leaves it
        // cached. Its few diagnostics are put back at their places together.
        var orderDiagnostics = bound
            .Select(static (unit, _) => UnitOrderNodes.Of(unit))
            .Collect()
            .Select(static (all, _) => UnitOrderNodes.Cycles(all))
            .WithTrackingName(TrackingNames.OrderDiagnostics);
        Report(context, orderDiagnostics
            .Combine(positions)
            .Select(static (input, _) => input.Left.SelectMany(unit => unit.Relocate(input.Right)).ToEquatableArray()));

        var declarationDiagnostics = sites
            .Collect()
            .Combine(additionalFilePaths)
            .Combine(loadedSchemas)
            .Select(static (input, _) => DeclarationChecks.Check(input.Left.Left, input.Left.Right, LoadedSchema.Errors(input.Right)))
            .WithTrackingName(TrackingNames.DeclarationDiagnostics);
        Report(context, declarationDiagnostics);
    }

    private static void RegisterSources(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<BoundFile> bound,
        IncrementalValueProvider<string?> rootNamespace)
    {
        // A name declared twice (DW0017, possibly once in each front end) would give two sources one hint name,
        // which fails the whole generator; the first declaration is emitted.
        var maps = bound.SelectMany(static (file, _) => file.Maps).Collect()
            .SelectMany(static (all, _) => FirstPerName(all, MapEmitter.HintName))
            .WithTrackingName(TrackingNames.Maps);
        context.RegisterSourceOutput(maps, static (output, map) => AddSource(output, MapEmitter.HintName(map), MapEmitter.Emit(map)));

        var valueMaps = bound.SelectMany(static (file, _) => file.ValueMaps).Collect()
            .SelectMany(static (all, _) => FirstPerName(all, ValueMapEmitter.HintName))
            .WithTrackingName(TrackingNames.ValueMaps);
        context.RegisterSourceOutput(valueMaps, static (output, model) => AddSource(output, ValueMapEmitter.HintName(model), ValueMapEmitter.Emit(model)));

        var numbers = bound.SelectMany(static (file, _) => file.Numbers).Collect()
            .SelectMany(static (all, _) => FirstPerName(all, NumbersEmitter.HintName))
            .WithTrackingName(TrackingNames.Numbers);
        context.RegisterSourceOutput(numbers, static (output, model) => AddSource(output, NumbersEmitter.HintName(model), NumbersEmitter.Emit(model)));

        var entityClasses = bound
            .Select(static (file, _) => file.EntityClasses)
            .Collect()
            .SelectMany(static (all, _) => WithUniqueHintNames(EntityClassMerger.Merge(all), EntityClassEmitter.HintName))
            .WithTrackingName(TrackingNames.EntityClasses);
        context.RegisterSourceOutput(entityClasses, static (output, item) => AddSource(output, item.HintName, EntityClassEmitter.Emit(item.Model)));

        var enums = bound
            .Select(static (file, _) => file.Enums)
            .Collect()
            .SelectMany(static (all, _) => WithUniqueHintNames(EntityClassMerger.MergeEnums(all), EnumEmitter.HintName))
            .WithTrackingName(TrackingNames.Enums);
        context.RegisterSourceOutput(enums, static (output, item) => AddSource(output, item.HintName, EnumEmitter.Emit(item.Model)));

        // Files in path order, so that "declaration order" among independent maps does not depend on the
        // order in which the project lists its files.
        var order = bound
            .Select(static (file, _) => (file.Path, file.UnitIndex, Maps: file.Maps.Select(OrderedMap.Of).ToEquatableArray(), file.Numbers))
            .Collect()
            .Combine(rootNamespace)
            .Select(static (input, _) =>
            {
                var files = input.Left.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.UnitIndex).ToList();
                return MapOrdering.Build(files.SelectMany(f => f.Maps).ToList(), files.SelectMany(f => f.Numbers).ToList(), input.Right);
            })
            .WithTrackingName(TrackingNames.MapOrder);
        context.RegisterSourceOutput(order, static (output, model) =>
        {
            if (model is not null)
            {
                AddSource(output, DualWriteMapsEmitter.HintName(model), DualWriteMapsEmitter.Emit(model));
            }
        });
    }

    // Diagnostics about attributes are located in the C# syntax tree (not as an external file), so that the IDE
    // squiggles them, '#pragma warning disable' applies and code fixes can be offered. Only this last step sees
    // the compilation: it finds the tree by path and does nothing else, so the models stay symbol-free.
    // The help links' base (DiagnosticDescriptors.HelpLinkBaseProperty) joins only here, so the models never hold it.
    // The compilation comes out modified on every run, even when no C# changed (the step tracking shows it), so a
    // step combined with it runs on every edit: only diagnostics located in a C# file meet it, gathered in one step;
    // the others (a .dwmap file's, every declaration's own) are reported per item, again only when the item changed.
    private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics)
    {
        context.RegisterSourceOutput(diagnostics.Combine(HelpLinkBase(context)), static (output, input) => Report(output, input.Left.Where(d => !InCSharp(d)), compilation: null, input.Right));
        Report(context, diagnostics
            .SelectMany(static (all, _) => all.Where(InCSharp))
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray()));
    }

    private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider).Combine(HelpLinkBase(context)), static (output, input) => Report(output, input.Left.Left, input.Left.Right, input.Right));

    private static IncrementalValueProvider<string?> HelpLinkBase(IncrementalGeneratorInitializationContext context) =>
        context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property." + DiagnosticDescriptors.HelpLinkBaseProperty, out var value) ? value : null);

    private static void Report(SourceProductionContext context, System.Collections.Generic.IEnumerable<DiagnosticInfo> diagnostics, Compilation? compilation, string? helpLinkBase)
    {
        foreach (var diagnostic in diagnostics)
        {
            var tree = compilation is not null && InCSharp(diagnostic) ? compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == diagnostic.Location!.FilePath) : null;
            context.ReportDiagnostic(diagnostic.ToDiagnostic(tree, helpLinkBase));
        }
    }

    /// <summary>Located in a file that is not a .dwmap file: where the attribute front end's diagnostics point, a C# file of the compilation.</summary>
    private static bool InCSharp(DiagnosticInfo diagnostic) => diagnostic.Location?.FilePath is { } path && !IsDwmap(path);

    private static ImmutableArray<T> FirstPerName<T>(ImmutableArray<T> all, Func<T, string> hintName)
    {
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return all.Where(item => seen.Add(hintName(item))).ToImmutableArray();
    }

    // Hint names are compared ignoring case, but C# names are not: namespaces that differ only in case (say
    // 'Contoso.Integration' and 'CONTOSO.Integration') each get their entity classes and enums, and the later
    // ones a numbered hint name, instead of an exception that fails the whole generator.
    private static ImmutableArray<(T Model, string HintName)> WithUniqueHintNames<T>(System.Collections.Generic.IEnumerable<T> all, Func<T, string> hintName)
    {
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<(T, string)>();
        foreach (var item in all)
        {
            var name = hintName(item);
            var stem = name.EndsWith(".g.cs", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
            for (var n = 2; !seen.Add(name); n++)
            {
                name = stem + "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
            }

            result.Add((item, name));
        }

        return result.ToImmutable();
    }

    // A keyword in a name is spelled '@name' in C# (CSharp.TypeName), which a hint name may not contain.
    private static void AddSource(SourceProductionContext output, string hintName, string text) =>
        output.AddSource(hintName.Replace("@", string.Empty), text);

    private static bool IsDwmap(string path) => path.EndsWith(".dwmap", StringComparison.OrdinalIgnoreCase);
}
