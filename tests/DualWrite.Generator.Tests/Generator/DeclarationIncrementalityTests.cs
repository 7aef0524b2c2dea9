using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Generator;

/// <summary>
/// Incrementality inside one .dwmap file (issue 20): binding is cached per declaration and free of positions, so an
/// edit inside one map of a file of several re-binds that map only, text that only moves re-binds nothing, and
/// diagnostics still point at the text after it moved.
/// </summary>
public sealed class DeclarationIncrementalityTests
{
    private static readonly string[] OutputSteps =
    {
        TrackingNames.Maps, TrackingNames.ValueMaps, TrackingNames.Numbers, TrackingNames.EntityClasses, TrackingNames.Enums, TrackingNames.MapOrder,
    };

    [Fact]
    public void An_edit_inside_one_map_rebinds_and_re_emits_that_map_only()
    {
        var result = RunAfterEditingCustomers(text => text.Replace("Description     <-> msdyn_description", "Description     -> msdyn_description", StringComparison.Ordinal));

        var rebound = Outputs(result, TrackingNames.Bind).Where(o => o.Reason is not IncrementalStepRunReason.Cached).ToList();
        var only = Assert.Single(rebound);
        Assert.Equal(new[] { "CustomerGroups" }, ((BoundFile)only.Value).Maps.Select(m => m.Name));
        Assert.Equal(new[] { "CustomerGroups" }, ChangedMaps(result));
    }

    [Fact]
    public void An_edit_inside_one_map_that_keeps_its_names_leaves_the_order_and_the_entity_classes_cached()
    {
        var result = RunAfterEditingCustomers(text => text.Replace("Description     <-> msdyn_description", "Description     -> msdyn_description", StringComparison.Ordinal));

        Assert.Equal(new[] { "CustomerGroups" }, ChangedMaps(result));

        // The order reads summaries of the maps, which the edit left equal: it is not built again.
        Assert.All(Outputs(result, TrackingNames.MapOrder), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        foreach (var name in new[] { TrackingNames.EntityClasses, TrackingNames.Enums })
        {
            Assert.All(Outputs(result, name), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} was {o.Reason} after an edit that keeps the map's names."));
        }
    }

    [Fact]
    public void An_edit_inside_one_map_relocates_and_reports_again_only_the_diagnostics_of_its_file()
    {
        var result = RunAfterEditingCustomers(text => text.Replace("Description     <-> msdyn_description", "Description     <-> msdyn_descriptio", StringComparison.Ordinal));

        var relocated = RelocatedFiles(result);
        Assert.NotEmpty(relocated);
        Assert.All(relocated, path => Assert.EndsWith("customers.dwmap", path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("// Contoso customer integration\n", "// Contoso customer integration\n// a comment line that moves every declaration below it\n\n")]
    [InlineData("\nvaluemap PaymentTermsCodes", "\n// a note about the value map\nvaluemap PaymentTermsCodes")]
    [InlineData("  CustomerGroupId <-> msdyn_groupid\n  Description", "  CustomerGroupId <-> msdyn_groupid\n\n  Description")]
    public void Text_that_only_moves_rebinds_and_re_emits_nothing(string before, string after)
    {
        var result = RunAfterEditingCustomers(text => text.Replace(before, after, StringComparison.Ordinal));

        foreach (var name in OutputSteps.Prepend(TrackingNames.Bind))
        {
            Assert.All(Outputs(result, name), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} was {o.Reason} after moving text."));
        }

        // The cycle check sees no positions, and only the moved file's diagnostics are put back at their places again.
        Assert.All(Outputs(result, TrackingNames.OrderDiagnostics), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(RelocatedFiles(result), path => Assert.EndsWith("customers.dwmap", path, StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnostics_after_edits_are_those_of_a_fresh_run()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var broken = texts.Select(t => (AdditionalText)new InMemoryAdditionalText(t.Path, t.GetText()!.ToString()
            .Replace("OrganizationName  <-> name", "OrganizationName  <-> nmae", StringComparison.Ordinal)
            .Replace("map Products : fo ProductsV2", "map Products : fo ProductsV", StringComparison.Ordinal))).ToList();
        var driver = GeneratorHarness.CreateDriver(broken, "Contoso.Integration").RunGenerators(compilation);

        var edits = new (string File, string From, string To)[]
        {
            ("customers.dwmap", "map Customers :", "// moved\n\nmap Customers :"),
            ("products.dwmap", "map Products :", "// moved\nmap Products :"),
            ("customers.dwmap", "Description     <-> msdyn_description", "Description     <-> msdyn_descriptio"),
        };
        var current = broken;
        foreach (var (file, from, to) in edits)
        {
            var before = current.Single(t => t.Path.EndsWith(file, StringComparison.Ordinal));
            var text = before.GetText()!.ToString();
            Assert.Contains(from, text, StringComparison.Ordinal);
            var after = new InMemoryAdditionalText(before.Path, text.Replace(from, to, StringComparison.Ordinal));
            driver = driver.ReplaceAdditionalText(before, after).RunGenerators(compilation);
            current = current.Select(t => t == before ? after : t).ToList();
        }

        var fresh = GeneratorHarness.CreateDriver(current, "Contoso.Integration").RunGenerators(compilation);
        Assert.Equal(Described(fresh.GetRunResult().Diagnostics), Described(driver.GetRunResult().Diagnostics));
        Assert.Contains(Described(driver.GetRunResult().Diagnostics), d => d.Contains("msdyn_descriptio", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnostics_after_text_moved_point_at_where_the_text_now_is()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var customers = texts.Single(t => t.Path.EndsWith("customers.dwmap", StringComparison.Ordinal));
        var broken = customers.GetText()!.ToString()
            .Replace("OrganizationName  <-> name", "OrganizationName  <-> nmae", StringComparison.Ordinal)
            .Replace("`customertypecode eq 3", "`customertypecod eq 3", StringComparison.Ordinal);
        var brokenText = new InMemoryAdditionalText(customers.Path, broken);
        var withBroken = texts.Select(t => t == customers ? brokenText : t).ToList();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(withBroken, "Contoso.Integration").RunGenerators(compilation);

        var moved = new InMemoryAdditionalText(customers.Path, "// one\n// two\n\n" + broken.Replace("map Customers :", "// three\nmap Customers :", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(brokenText, moved).RunGenerators(compilation);
        var result = driver.GetRunResult();

        Assert.All(Outputs(result.Results.Single(), TrackingNames.Bind), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        var movedText = moved.GetText()!.ToString();
        foreach (var token in new[] { "nmae", "customertypecod " })
        {
            var diagnostic = Assert.Single(result.Diagnostics, d => d.Location.GetLineSpan().Path == customers.Path && movedText.Substring(d.Location.SourceSpan.Start).StartsWith(token.TrimEnd(), StringComparison.Ordinal));
            var offset = movedText.IndexOf(token, StringComparison.Ordinal);
            var line = movedText.Take(offset).Count(c => c == '\n');
            var column = offset - (movedText.LastIndexOf('\n', offset) + 1);
            Assert.Equal((line, column), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        }
    }

    [Fact]
    public void A_schema_edit_rereads_that_schema_and_re_emits_only_what_changed()
    {
        var (driver, compilation, texts) = WarmSample();

        var fo = texts.Single(t => t.Path.EndsWith("fo.metadata.xml", StringComparison.Ordinal));
        var text = fo.GetText()!.ToString();
        var edited = text.Replace("<PropertyRef Name=\"CustomerAccount\" />\n        </Key>", "<PropertyRef Name=\"CustomerAccount\" />\n        </Key>\n        <Property Name=\"UnusedByAnyMap\" Type=\"Edm.String\" />", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        var result = driver.ReplaceAdditionalText(fo, new InMemoryAdditionalText(fo.Path, edited)).RunGenerators(compilation).GetRunResult().Results.Single();

        var reread = Outputs(result, TrackingNames.ReadSchema).Where(o => o.Reason is not IncrementalStepRunReason.Cached).ToList();
        Assert.Single(reread);
        // The declarations that read the edited entity type are bound again; a property no map uses changes no output.
        Assert.Contains(Outputs(result, TrackingNames.Bind), o => o.Reason is IncrementalStepRunReason.Unchanged);
        foreach (var name in OutputSteps)
        {
            Assert.All(Outputs(result, name), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} was {o.Reason} after adding a property no map uses."));
        }
    }

    [Theory]
    [InlineData("msdyn_vendor", new[] { "Vendors" })]
    [InlineData("msdyn_vendorgroup", new[] { "VendorGroups", "Vendors" })]
    [InlineData("account", new[] { "Contacts", "Customers" })]
    public void An_edit_of_one_entity_type_rebinds_only_the_maps_that_read_it(string table, string[] maps)
    {
        var (driver, compilation, texts) = WarmSample();

        var dataverse = texts.Single(t => t.Path.EndsWith("dataverse.metadata.xml", StringComparison.Ordinal));
        var text = dataverse.GetText()!.ToString();
        var type = "<EntityType Name=\"" + table + "\" BaseType=\"mscrm.crmbaseentity\">";
        var edited = text.Replace(type, type + "\n        <Property Name=\"new_unusedbyanymap\" Type=\"Edm.String\" />", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        var result = driver.ReplaceAdditionalText(dataverse, new InMemoryAdditionalText(dataverse.Path, edited)).RunGenerators(compilation).GetRunResult().Results.Single();

        var rebound = Outputs(result, TrackingNames.Bind).Where(o => o.Reason is not IncrementalStepRunReason.Cached).Select(o => (BoundFile)o.Value).ToList();
        Assert.Equal(maps, rebound.SelectMany(b => b.Maps).Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(maps.Length, rebound.Count);
        foreach (var name in OutputSteps)
        {
            Assert.All(Outputs(result, name), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} was {o.Reason} after adding a column no map uses."));
        }
    }

    private static GeneratorRunResult RunAfterEditingCustomers(Func<string, string> edit)
    {
        var (driver, compilation, texts) = WarmSample();

        var customers = texts.Single(t => t.Path.EndsWith("customers.dwmap", StringComparison.Ordinal));
        var text = customers.GetText()!.ToString();
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        return driver.ReplaceAdditionalText(customers, new InMemoryAdditionalText(customers.Path, edited)).RunGenerators(compilation).GetRunResult().Results.Single();
    }

    /// <summary>The sample project after a first run: the driver an IDE holds when the user starts typing.</summary>
    private static (GeneratorDriver Driver, Compilation Compilation, IReadOnlyList<AdditionalText> Texts) WarmSample()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        var compilation = GeneratorHarness.CreateCompilation(sources);
        return (GeneratorHarness.CreateDriver(texts, "Contoso.Integration").RunGenerators(compilation), compilation, texts);
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();

    // The files of the units whose diagnostics were reported again: those whose diagnostics, put back at their places,
    // changed.
    private static List<string> RelocatedFiles(GeneratorRunResult result) => Outputs(result, TrackingNames.RelocatedDiagnostics)
        .Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New)
        .SelectMany(o => (EquatableArray<DiagnosticInfo>)o.Value)
        .Select(d => d.Location!.FilePath)
        .ToList();

    private static List<string> Described(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
        .OrderBy(d => d, StringComparer.Ordinal)
        .ToList();

    private static List<string> ChangedMaps(GeneratorRunResult result) => Outputs(result, TrackingNames.Maps)
        .Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New)
        .Select(o => ((Model.MapModel)o.Value).Name)
        .ToList();
}
