using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using static DualWrite.Generator.Tests.Schema.SchemaFiles;

namespace DualWrite.Generator.Tests.Schema;

/// <summary>The Contoso sample schemas hold exactly what the sample maps rely on.</summary>
public sealed class SampleSchemaTests
{
    private const string Fo = "Microsoft.Dynamics.DataEntities.";
    private const string Crm = "Microsoft.Dynamics.CRM.";

    private static readonly SchemaModel FoModel = ReadSchema(FoSample);
    private static readonly SchemaModel DataverseModel = ReadSchema(DataverseSample);

    [Fact]
    public void Fo_entity_sets_in_document_order()
    {
        Assert.Equal(
            new[]
            {
                Set("CustomerGroups", Fo + "CustomerGroup", ("Customers", "CustomersV3")),
                Set("CustomersV3", Fo + "CustomerV3", ("CustomerGroup", "CustomerGroups")),
                Set("Currencies", Fo + "Currency"),
                Set("VendorGroups", Fo + "VendorGroup", ("Vendors", "VendorsV2")),
                Set("VendorsV2", Fo + "VendorV2", ("VendorGroup", "VendorGroups")),
                Set("ContactPersonsV2", Fo + "ContactPersonV2"),
                Set("ProductsV2", Fo + "ProductV2"),
            },
            FoModel.EntitySets);
        Assert.Equal(FoSample, FoModel.Path);
    }

    [Theory]
    [InlineData("CustomerGroup", "dataAreaId,CustomerGroupId")]
    [InlineData("CustomerV3", "dataAreaId,CustomerAccount")]
    [InlineData("VendorGroup", "dataAreaId,VendorGroupId")]
    [InlineData("VendorV2", "dataAreaId,VendorAccountNumber")]
    [InlineData("ContactPersonV2", "dataAreaId,ContactPersonId")]
    [InlineData("ProductV2", "ProductNumber")]
    public void Fo_entity_keys(string entityType, string key)
    {
        var type = FoModel.EntityType(entityType);
        Assert.Equal(key.Split(','), type.Key);
        Assert.Empty(type.AlternateKeys);
        Assert.Null(type.BaseTypeFullName);
    }

    [Fact]
    public void Fo_dataAreaId_is_a_four_character_string_that_is_never_null()
    {
        // Products and currencies are global in F&O: shared by all legal entities.
        var global = new[] { "ProductV2", "Currency" };
        foreach (var type in FoModel.EntityTypes.Where(t => !global.Contains(t.Name)))
        {
            Assert.Equal(new PropertyInfo("dataAreaId", "Edm.String", false, false, 4, null, null, false, false), type.Property("dataAreaId"));
        }

        Assert.All(global, name => Assert.DoesNotContain(FoModel.EntityType(name).Properties, p => p.Name == "dataAreaId"));
    }

    [Fact]
    public void Fo_property_types_facets_and_enums()
    {
        var customer = FoModel.EntityType("CustomerV3");
        Assert.Equal(new PropertyInfo("CustomerAccount", "Edm.String", false, false, 20, null, null, false, false), customer.Property("CustomerAccount"));
        Assert.Equal(new PropertyInfo("OrganizationName", "Edm.String", false, true, 100, null, null, false, false), customer.Property("OrganizationName"));
        Assert.Equal(new PropertyInfo("CreditLimit", "Edm.Decimal", false, false, null, 32, 6, false, false), customer.Property("CreditLimit"));
        Assert.Equal(Fo + "CustVendorBlocked", customer.Property("OnHoldStatus").TypeName);
        Assert.Equal(Fo + "DirPartyBaseType", customer.Property("PartyType").TypeName);
        Assert.Equal("Edm.String", customer.Property("PaymentTerms").TypeName);

        var vendor = FoModel.EntityType("VendorV2");
        Assert.Equal(Fo + "NoYes", vendor.Property("IsOneTimeVendor").TypeName);
        Assert.Equal("Edm.DateTimeOffset", vendor.Property("VendorHoldReleaseDate").TypeName);
        Assert.Equal(Fo + "DirPartyBaseType", vendor.Property("VendorPartyType").TypeName);
        Assert.Equal(Fo + "NoYes", FoModel.EntityType("ContactPersonV2").Property("IsReceivingDirectMail").TypeName);
        Assert.Equal(Fo + "EcoResProductType", FoModel.EntityType("ProductV2").Property("ProductType").TypeName);
    }

    [Fact]
    public void Fo_computed_and_read_only_fields()
    {
        var customer = FoModel.EntityType("CustomerV3");

        // MaxLength="max" is no limit; Core.Computed through the Core alias, without Bool, means computed.
        Assert.Equal(new PropertyInfo("FullPrimaryAddress", "Edm.String", false, true, null, null, null, true, true), customer.Property("FullPrimaryAddress"));
        Assert.True(customer.Property("CreatedDateTime").IsImmutable);
        Assert.False(customer.Property("CreatedDateTime").IsReadOnly);
        Assert.False(customer.Property("CreatedDateTime").IsComputed);
        Assert.True(FoModel.EntityType("ContactPersonV2").Property("ContactPersonName").IsComputed);
        Assert.Equal(
            new[] { "FullPrimaryAddress", "ModifiedDateTime1" },
            customer.Properties.Where(p => p.IsComputed || p.IsReadOnly).Select(p => p.Name));
    }

    [Fact]
    public void Fo_navigation_with_a_two_part_referential_constraint()
    {
        var group = FoModel.EntityType("CustomerV3").Navigation("CustomerGroup");
        Assert.Equal(Fo + "CustomerGroup", group.TargetTypeFullName);
        Assert.False(group.IsCollection);
        Assert.Equal("Customers", group.Partner);
        Assert.Equal(
            new[] { new ReferentialConstraintInfo("dataAreaId", "dataAreaId"), new ReferentialConstraintInfo("CustomerGroupId", "CustomerGroupId") },
            group.Constraints);
        Assert.True(FoModel.EntityType("CustomerGroup").Navigation("Customers").IsCollection);
    }

    [Fact]
    public void Fo_enums_with_their_values()
    {
        Assert.Equal(
            new[] { "NoYes", "CustVendorBlocked", "DirPartyBaseType", "EcoResProductType", "EcoResProductSubtype", "SmmContactPersonCVType" },
            FoModel.EnumTypes.Select(e => e.Name));
        var blocked = FoModel.EnumTypes.Single(e => e.Name == "CustVendorBlocked");
        Assert.Equal(Fo + "CustVendorBlocked", blocked.FullName);
        Assert.Equal("Edm.Int32", blocked.UnderlyingType);
        Assert.False(blocked.IsFlags);
        Assert.Equal(
            new[] { ("No", 0L), ("Invoice", 1L), ("All", 2L), ("Payment", 3L), ("Requisition", 4L), ("Never", 5L) },
            blocked.Members.Select(m => (m.Name, m.Value)));
        Assert.Equal(
            new[] { new EnumMemberInfo("Item", 1), new EnumMemberInfo("Service", 2) },
            FoModel.EnumTypes.Single(e => e.Name == "EcoResProductType").Members);
        Assert.Contains(new EnumMemberInfo("Organization", 2), FoModel.EnumTypes.Single(e => e.Name == "DirPartyBaseType").Members);
    }

    [Fact]
    public void Dataverse_entity_sets_in_document_order()
    {
        Assert.Equal(
            new[]
            {
                Set("cdm_companies", Crm + "cdm_company", ("msdyn_cdm_company_account_company", "accounts"), ("msdyn_cdm_company_contact_company", "contacts")),
                Set("msdyn_customergroups", Crm + "msdyn_customergroup", ("msdyn_company", "cdm_companies")),
                Set("accounts", Crm + "account", ("msdyn_customergroupid", "msdyn_customergroups"), ("msdyn_company", "cdm_companies"), ("transactioncurrencyid", "transactioncurrencies"), ("contact_customer_accounts", "contacts")),
                Set("msdyn_vendorgroups", Crm + "msdyn_vendorgroup", ("msdyn_company", "cdm_companies")),
                Set("msdyn_vendors", Crm + "msdyn_vendor", ("msdyn_vendorgroupid", "msdyn_vendorgroups"), ("msdyn_company", "cdm_companies"), ("transactioncurrencyid", "transactioncurrencies")),
                Set("contacts", Crm + "contact", ("parentcustomerid_account", "accounts"), ("parentcustomerid_contact", "contacts"), ("msdyn_company", "cdm_companies")),
                Set("msdyn_globalproducts", Crm + "msdyn_globalproduct"),
                Set("transactioncurrencies", Crm + "transactioncurrency", ("transactioncurrency_account", "accounts"), ("transactioncurrency_msdyn_vendor", "msdyn_vendors")),
            },
            DataverseModel.EntitySets);
        Assert.Empty(DataverseModel.EnumTypes);
    }

    [Theory]
    [InlineData("cdm_company", "cdm_companyid", "cdm_companycode")]
    [InlineData("msdyn_customergroup", "msdyn_customergroupid", "msdyn_groupid,_msdyn_company_value")]
    [InlineData("account", "accountid", "accountnumber,_msdyn_company_value")]
    [InlineData("msdyn_vendorgroup", "msdyn_vendorgroupid", "msdyn_vendorgroup,_msdyn_company_value")]
    [InlineData("msdyn_vendor", "msdyn_vendorid", "msdyn_vendoraccountnumber,_msdyn_company_value")]
    [InlineData("contact", "contactid", "msdyn_contactpersonid,_msdyn_company_value")]
    [InlineData("msdyn_globalproduct", "msdyn_globalproductid", "msdyn_productnumber")]
    [InlineData("transactioncurrency", "transactioncurrencyid", "isocurrencycode")]
    public void Dataverse_primary_and_alternate_keys(string entityType, string primaryKey, string alternateKey)
    {
        var type = DataverseModel.EntityType(entityType);
        Assert.Equal(new[] { primaryKey }, type.Key);
        Assert.Equal(new PropertyInfo(primaryKey, "Edm.Guid", false, false, null, null, null, false, false), type.Property(primaryKey));
        Assert.Equal(new[] { new AlternateKeyInfo(alternateKey, Names(alternateKey.Split(','))) }, type.AlternateKeys);
        Assert.Equal(Crm + "crmbaseentity", type.BaseTypeFullName);
    }

    [Fact]
    public void Dataverse_base_type_is_abstract_and_empty()
    {
        var baseType = DataverseModel.EntityTypes[0];
        Assert.Equal(new EntityTypeInfo("Microsoft.Dynamics.CRM", "crmbaseentity", null, true, default, default, default, default), baseType);
    }

    [Theory]
    [InlineData("msdyn_customergroup", "msdyn_company", "cdm_company", "cdm_companyid")]
    [InlineData("account", "msdyn_customergroupid", "msdyn_customergroup", "msdyn_customergroupid")]
    [InlineData("account", "msdyn_company", "cdm_company", "cdm_companyid")]
    [InlineData("account", "transactioncurrencyid", "transactioncurrency", "transactioncurrencyid")]
    [InlineData("msdyn_vendorgroup", "msdyn_company", "cdm_company", "cdm_companyid")]
    [InlineData("msdyn_vendor", "msdyn_vendorgroupid", "msdyn_vendorgroup", "msdyn_vendorgroupid")]
    [InlineData("msdyn_vendor", "msdyn_company", "cdm_company", "cdm_companyid")]
    [InlineData("contact", "msdyn_company", "cdm_company", "cdm_companyid")]
    public void Dataverse_lookups_are_a_navigation_property_and_its_value_column(string entityType, string lookup, string target, string targetKey)
    {
        var type = DataverseModel.EntityType(entityType);
        var navigation = type.Navigation(lookup);
        Assert.Equal(Crm + target, navigation.TargetTypeFullName);
        Assert.False(navigation.IsCollection);
        Assert.Equal(new[] { new ReferentialConstraintInfo($"_{lookup}_value", targetKey) }, navigation.Constraints);
        Assert.Equal("Edm.Guid", type.Property($"_{lookup}_value").TypeName);

        var partner = DataverseModel.EntityType(target).Navigation(Assert.IsType<string>(navigation.Partner));
        Assert.True(partner.IsCollection);
        Assert.Equal(Crm + entityType, partner.TargetTypeFullName);
        Assert.Equal(lookup, partner.Partner);
    }

    [Fact]
    public void Dataverse_polymorphic_lookup_has_one_navigation_property_per_target()
    {
        var contact = DataverseModel.EntityType("contact");
        Assert.Equal("Edm.Guid", contact.Property("_parentcustomerid_value").TypeName);
        Assert.Equal(
            new[]
            {
                new NavigationPropertyInfo("parentcustomerid_account", Crm + "account", false, "contact_customer_accounts", EquatableArrayOf(new ReferentialConstraintInfo("_parentcustomerid_value", "accountid"))),
                new NavigationPropertyInfo("parentcustomerid_contact", Crm + "contact", false, "contact_customer_contacts", EquatableArrayOf(new ReferentialConstraintInfo("_parentcustomerid_value", "contactid"))),
            },
            contact.NavigationProperties.Where(n => n.Name.StartsWith("parentcustomerid_", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Dataverse_computed_columns()
    {
        foreach (var type in DataverseModel.EntityTypes.Skip(1))
        {
            Assert.True(type.Property("createdon").IsComputed, type.Name);
            Assert.True(type.Property("modifiedon").IsComputed, type.Name);
            Assert.Equal("Edm.DateTimeOffset", type.Property("createdon").TypeName);
            Assert.True(type.Property("versionnumber").IsReadOnly, type.Name);
            Assert.False(type.Property("versionnumber").IsComputed, type.Name);
        }

        var account = DataverseModel.EntityType("account");
        Assert.Equal(new PropertyInfo("address1_composite", "Edm.String", false, true, 1000, null, null, true, true), account.Property("address1_composite"));
        Assert.True(DataverseModel.EntityType("contact").Property("fullname").IsComputed);
        Assert.False(account.Property("accountnumber").IsComputed);
        Assert.False(account.Property("accountnumber").IsReadOnly);
    }

    [Fact]
    public void Dataverse_column_types_the_sample_maps_use()
    {
        var account = DataverseModel.EntityType("account");
        Assert.Equal(new PropertyInfo("accountnumber", "Edm.String", false, true, 20, null, null, false, false), account.Property("accountnumber"));
        Assert.Equal(new PropertyInfo("creditlimit", "Edm.Decimal", false, true, null, null, null, false, false), account.Property("creditlimit"));
        Assert.Equal("Edm.Int32", account.Property("msdyn_paymentterms").TypeName);
        Assert.Equal("Edm.Int32", account.Property("customertypecode").TypeName);
        Assert.Equal("Edm.Int32", account.Property("msdyn_onholdstatus").TypeName);

        var vendor = DataverseModel.EntityType("msdyn_vendor");
        Assert.Equal("Edm.Boolean", vendor.Property("msdyn_isonetimevendor").TypeName);
        Assert.Equal("Edm.Decimal", vendor.Property("msdyn_vendorcreditlimit").TypeName);
        Assert.Equal("Edm.DateTimeOffset", vendor.Property("msdyn_vendoronholdreleasedate").TypeName);
        Assert.Equal(9, vendor.Property("msdyn_dunsnumber").MaxLength);

        Assert.Equal("Edm.Boolean", DataverseModel.EntityType("contact").Property("donotemail").TypeName);
        Assert.Equal("Edm.Int32", DataverseModel.EntityType("msdyn_globalproduct").Property("msdyn_fieldserviceproducttype").TypeName);
    }

    [Fact]
    public void Dataverse_global_products_have_no_company()
    {
        var product = DataverseModel.EntityType("msdyn_globalproduct");
        Assert.DoesNotContain(product.Properties, p => p.Name.Contains("company"));
        Assert.Empty(product.NavigationProperties);
    }

    private static EquatableArray<ReferentialConstraintInfo> EquatableArrayOf(params ReferentialConstraintInfo[] items) => EquatableArray.Create(items);

    // An entity set with its NavigationPropertyBinding elements, as the document lists them.
    private static EntitySetInfo Set(string name, string entityType, params (string Path, string Target)[] bindings) =>
        new(name, entityType, bindings.Select(b => new NavigationBindingInfo(b.Path, b.Target)).ToEquatableArray());
}
