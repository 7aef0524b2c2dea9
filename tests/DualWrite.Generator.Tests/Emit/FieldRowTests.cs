extern alias Abstractions;

using System.Linq;
using Abstractions::DualWrite;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Emit;

/// <summary>
/// A map's <c>Definition.Fields</c>: one row per field mapping, as data a page or tool reads, for each kind of transform.
/// Checked by loading the generated code and reading the rows, on the sample project.
/// </summary>
public sealed class FieldRowTests
{
    private static readonly GeneratedCode Sample = LoadSample();

    [Fact]
    public void A_plain_copy_of_a_key_field_is_a_key_row_without_a_transform()
    {
        var row = Row("CustomersMap", "CustomerAccount");

        Assert.Equal(("accountnumber", SyncDirection.Both, FieldTransform.Copy, true), (row.DataversePath, row.Direction, row.Transform, row.IsKey));
        Assert.Equal(string.Empty, row.Description);
        Assert.Equal("CustomerAccount <-> accountnumber", row.ToString());
    }

    [Fact]
    public void A_default_is_shown_in_the_map_language()
    {
        var row = Row("CustomersMap", "CreditLimit");

        Assert.Equal((SyncDirection.ToDataverse, FieldTransform.Copy, "0", false), (row.Direction, row.Transform, row.Default, row.IsKey));
        Assert.Equal("default 0", row.Description);
        Assert.Equal("CreditLimit -> creditlimit default 0", row.ToString());
    }

    [Fact]
    public void A_value_map_row_names_the_value_map()
    {
        var row = Row("CustomersMap", "PaymentTerms");

        Assert.Equal((FieldTransform.ValueMap, "PaymentTermsCodes", "msdyn_paymentterms"), (row.Transform, row.Via, row.DataversePath));
        Assert.Equal("via PaymentTermsCodes", row.Description);
    }

    [Fact]
    public void A_method_row_names_the_method_by_its_full_name()
    {
        var row = Row("CustomersMap", "AddressCity");

        Assert.Equal((FieldTransform.Method, "Contoso.Integration.Text.TitleCase"), (row.Transform, row.Via));
        Assert.Equal("AddressCity <-> address1_city via Contoso.Integration.Text.TitleCase", row.ToString());
    }

    [Fact]
    public void A_constant_has_none_on_its_source_side()
    {
        var toDataverse = Sample.Definition("Contoso.Integration.CustomersMap").Fields.Single(f => f.DataversePath == "customertypecode");
        var toFo = Row("CustomersMap", "LanguageId");

        Assert.Equal((null, SyncDirection.ToDataverse, FieldTransform.Constant, "3"), (toDataverse.FoField, toDataverse.Direction, toDataverse.Transform, toDataverse.Default));
        Assert.Equal("constant 3", toDataverse.Description);
        Assert.Equal((null, SyncDirection.ToFo, FieldTransform.Constant, "\"en-us\""), (toFo.DataversePath, toFo.Direction, toFo.Transform, toFo.Default));
        Assert.Equal("LanguageId <- none default \"en-us\"", toFo.ToString());
    }

    [Fact]
    public void A_lookup_row_names_the_lookup_it_goes_through()
    {
        var row = Row("CustomersMap", "CustomerGroupId");

        Assert.Equal(("msdyn_customergroupid.msdyn_groupid", "msdyn_customergroupid", FieldTransform.Copy), (row.DataversePath, row.Lookup, row.Transform));
        Assert.Equal("lookup through msdyn_customergroupid", row.Description);
    }

    [Fact]
    public void A_polymorphic_lookup_row_keeps_its_tables()
    {
        var row = Row("ContactsMap", "AssociatedContactNumber");

        Assert.Equal(("parentcustomerid.Account(accountnumber)", "parentcustomerid"), (row.DataversePath, row.Lookup));
    }

    [Fact]
    public void Rows_come_in_declaration_order_after_the_company()
    {
        var fields = Sample.Definition("Contoso.Integration.VendorsMap").Fields;

        Assert.Equal(
            new[] { "dataAreaId", "VendorAccountNumber", "VendorOrganizationName", "VendorGroupId", "CreditLimit", "IsOneTimeVendor", "OnHoldStatus", "VendorHoldReleaseDate", "DUNSNumber" },
            fields.Select(f => f.FoField));
    }

    [Fact]
    public void A_striped_map_starts_with_its_company_row()
    {
        var company = Sample.Definition("Contoso.Integration.CustomersMap").Fields[0];

        Assert.Equal(("dataAreaId", "msdyn_company.cdm_companycode", FieldTransform.Company, true), (company.FoField, company.DataversePath, company.Transform, company.IsKey));
        Assert.Equal("company of the record", company.Description);
    }

    [Fact]
    public void A_global_map_has_no_company_row()
    {
        var fields = Sample.Definition("Contoso.Integration.ProductsMap").Fields;

        Assert.DoesNotContain(fields, f => f.Transform == FieldTransform.Company);
        Assert.Equal("ProductNumber", fields[0].FoField);
    }

    [Fact]
    public void The_definition_carries_both_filters_as_written_and_the_FO_filter_in_OData()
    {
        var map = Sample.Definition("Contoso.Integration.CustomersMap");

        Assert.Equal("((PartyType == \"Organization\") && (CustomerGroupId != \"\"))", map.FoFilter);
        Assert.NotNull(map.FoODataFilter);
        Assert.Equal("customertypecode eq 3 and statecode eq 0", map.DataverseFilter);
        Assert.Null(Sample.Definition("Contoso.Integration.ProductsMap").FoFilter);
    }

    [Fact]
    public void The_rows_are_built_once()
    {
        var map = Sample.Definition("Contoso.Integration.CustomersMap");

        Assert.Same(map.Fields, map.Fields);
    }

    [Fact]
    public void The_attribute_form_gives_the_rows_of_the_dwmap_form_with_escapes_in_a_string_default()
    {
        var dwmap = Rows(GeneratedCode.Load(MapTest.Verify("namespace Tests\n" + MapTest.SchemaHeader + """
            map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
              company global
              key ProductNumber <-> msdyn_productnumber
              ProductNumber      -> msdyn_productnumber
              ProductDescription -> msdyn_description default "say \"hi\" \\ bye"
              none               -> msdyn_fieldserviceproducttype default 690970000
            }
            """)));
        var attributes = Rows(GeneratedCode.Load(AttributeTest.Verify(AttributeTest.Header + """
            namespace Tests;

            [DualWriteMap("ProductsV2", "->", "msdyn_globalproducts")]
            [Company(CompanyScope.Global)]
            [Key("ProductNumber", "msdyn_productnumber")]
            [Field("ProductNumber", "->", "msdyn_productnumber")]
            [Field("ProductDescription", "->", "msdyn_description", Default = "say \"hi\" \\ bye")]
            [Field(FieldAttribute.None, "->", "msdyn_fieldserviceproducttype", Default = 690970000)]
            public static partial class ProductsMap { }
            """)));

        Assert.Equal(
            new[]
            {
                "ProductNumber -> msdyn_productnumber",
                "ProductDescription -> msdyn_description default \"say \\\"hi\\\" \\\\ bye\"",
                "none -> msdyn_fieldserviceproducttype default 690970000",
            },
            dwmap);
        Assert.Equal(dwmap, attributes);
    }

    private static string[] Rows(GeneratedCode code) => code.Definition("Tests.ProductsMap").Fields.Select(f => f.ToString()).ToArray();

    private static FieldMapping Row(string mapClass, string foField) =>
        Sample.Definition("Contoso.Integration." + mapClass).Fields.Single(f => f.FoField == foField);

    private static GeneratedCode LoadSample()
    {
        var (texts, sources) = GeneratorHarness.SampleInputs();
        return GeneratedCode.Load(GeneratorHarness.Run(texts, sources, rootNamespace: "Contoso.Integration"));
    }
}
