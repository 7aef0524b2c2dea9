using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Incremental;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.Tests.Infrastructure;
using DualWrite.Generator.UserTypes;

namespace DualWrite.Generator.Tests.Incremental;

/// <summary>
/// A declaration bound against its slice of the schemas is bound as against the whole schemas: same models, same
/// entity classes, same diagnostics. Over every declaration of the sample and of the out-of-box maps, and over
/// edits of the sample that make binding report what it cannot find (where it suggests names from the schema).
/// </summary>
public sealed class SchemaSliceTests
{
    public static TheoryData<string, string, string> SampleEdits => new()
    {
        { "customers.dwmap", "", "" },
        { "vendors.dwmap", "", "" },
        { "products.dwmap", "", "" },
        { "contacts.dwmap", "", "" },
        { "vendors.dwmap", "CustVendorBlocked::No ", "CustVendorBlockd::No " },
        { "products.dwmap", "EcoResProductType::Item", "EcoResProductTyp::Item" },
        { "customers.dwmap", "msdyn_customergroupid.msdyn_groupid", "msdyn_customergroupid.msdyn_grupid" },
        { "customers.dwmap", "msdyn_customergroupid.msdyn_groupid", "msdyn_customergroupid" },
        { "customers.dwmap", "key CustomerAccount <-> accountnumber", "key CustomerAccount <-> msdyn_customergroupid" },
        { "customers.dwmap", "company striped\n  key CustomerAccount", "company global\n  key CustomerAccount" },
        { "customers.dwmap", "fo CustomersV3", "fo CustomersV" },
        { "customers.dwmap", "OrganizationName  <-> name", "OrganizationName  <-> nmae" },
        { "customers.dwmap", "CreditLimit        -> creditlimit          default 0", "CreditLimit        -> creditlimit          default CustVendorBlocked::No" },
        { "customers.dwmap", "numbers CustomerAccounts for Customers.CustomerAccount", "numbers CustomerAccounts for Customers.CustomerAccnt" },
    };

    [Theory]
    [MemberData(nameof(SampleEdits))]
    public void Binding_against_its_slice_is_binding_against_the_whole_schemas_for_the_sample(string file, string before, string after)
    {
        var maps = Directory.GetFiles(Path.Combine(RepoPaths.Samples, "maps"), "*.dwmap").OrderBy(p => p, StringComparer.Ordinal).Select(path =>
        {
            var text = File.ReadAllText(path);
            if (before.Length > 0 && Path.GetFileName(path) == file)
            {
                var edited = text.Replace(before, after, StringComparison.Ordinal);
                Assert.True(edited != text, $"'{before}' is not in {file}.");
                text = edited;
            }

            return DwmapParser.Parse(path, text);
        }).ToList();

        AssertSlicesBindAsTheWhole(maps, Path.Combine(RepoPaths.Samples, "schemas"), "Contoso.Integration");
    }

    [Fact]
    public void Binding_against_its_slice_is_binding_against_the_whole_schemas_for_every_out_of_box_map()
    {
        var folder = Path.Combine(RepoPaths.TestProject, "TestData", "outofbox");
        var maps = Directory.GetFiles(folder, "*.dwmap").OrderBy(p => p, StringComparer.Ordinal).Select(path => DwmapParser.Parse(path, File.ReadAllText(path))).ToList();

        AssertSlicesBindAsTheWhole(maps, Path.Combine(folder, "schemas"), "OutOfBox");
    }

    [Fact]
    public void A_slice_holds_the_map_s_tables_and_lookup_targets_and_not_the_other_tables()
    {
        var (files, schemas) = Load(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "maps"), "*.dwmap").Select(p => DwmapParser.Parse(p, File.ReadAllText(p))).ToList(), Path.Combine(RepoPaths.Samples, "schemas"));
        var declarations = DeclarationIndex.Merge(files.Select(f => DeclarationIndex.Of(f, "Contoso.Integration")));
        var vendors = files.SelectMany(f => DeclarationUnit.Of(f)).Single(u => u.File.Declarations[0] is MapDeclaration { Name.Text: "Vendors" });

        var slice = SchemaSlice.For(vendors.File, new IndexedSchemas(schemas), declarations, UserEntitySet.Empty);

        Assert.Equal(new[] { "VendorV2" }, slice.Fo!.EntityTypes.Select(t => t.Name));
        Assert.Equal(new[] { "cdm_company", "crmbaseentity", "msdyn_vendor", "msdyn_vendorgroup" }, slice.Dataverse!.EntityTypes.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(schemas.Dataverse!.EntitySets, slice.Dataverse.EntitySets);
    }

    private static void AssertSlicesBindAsTheWhole(IReadOnlyList<DwmapFile> maps, string schemaFolder, string rootNamespace)
    {
        var (files, schemas) = Load(maps, schemaFolder);
        var indexed = new IndexedSchemas(schemas);
        var declarations = DeclarationIndex.Merge(files.Select(f => DeclarationIndex.Of(f, rootNamespace)));
        var units = files.SelectMany(f => DeclarationUnit.Of(f)).ToList();
        Assert.NotEmpty(units);
        foreach (var unit in units)
        {
            var whole = FileBinder.Bind(unit.File, schemas, declarations, ViaMethodSet.Empty, rootNamespace);
            var sliced = FileBinder.Bind(unit.File, SchemaSlice.For(unit.File, indexed, declarations, UserEntitySet.Empty), declarations, ViaMethodSet.Empty, rootNamespace);
            Assert.True(whole == sliced, $"{unit.Path} #{unit.Index}: bound differently against its slice.\nwhole: {string.Join("; ", whole.Diagnostics.Select(d => d.GetMessage()))}\nslice: {string.Join("; ", sliced.Diagnostics.Select(d => d.GetMessage()))}");
        }
    }

    private static (IReadOnlyList<DwmapFile> Files, SchemaContext Schemas) Load(IReadOnlyList<DwmapFile> maps, string schemaFolder)
    {
        SchemaModel Read(string side)
        {
            var path = Path.Combine(schemaFolder, side + ".metadata.xml");
            return CsdlReader.Read(path, File.ReadAllText(path)).Schema!;
        }

        return (maps, new SchemaContext(Read("fo"), Read("dataverse")));
    }
}
