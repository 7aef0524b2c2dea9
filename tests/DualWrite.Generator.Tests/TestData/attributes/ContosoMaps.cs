// The sample project's maps (dsl-samples/Contoso.Integration/maps/*.dwmap) written with attributes, clause
// for clause; AttributeFormTests proves both forms generate the same code.
using DualWrite;

[assembly: DualWriteSchema(Side.Fo, "schemas/fo.metadata.xml")]
[assembly: DualWriteSchema(Side.Dataverse, "schemas/dataverse.metadata.xml")]

namespace Contoso.Integration
{
    [DualWriteMap("ContactPersonsV2", "<->", "contacts")]
    [Company(CompanyScope.Striped)]
    [Key("ContactPersonId", "msdyn_contactpersonid")]
    [DataverseFilter("statecode eq 0")]
    [Field("ContactPersonId", "<->", "msdyn_contactpersonid")]
    [Field("FirstName", "<->", "firstname")]
    [Field("LastName", "<->", "lastname")]
    [Field("PrimaryEmail", "<->", "emailaddress1")]
    [Field("EmploymentDepartment", "<->", "department")]
    [Field("IsReceivingDirectMail", "<->", "donotemail", Via = nameof(NoYesBoolean))]
    [Field("AssociatedContactNumber", "<->", "parentcustomerid.Account(accountnumber)")]
    public static partial class ContactsMap
    {
    }

    [DualWriteMap("CustomerGroups", "<->", "msdyn_customergroups")]
    [Company(CompanyScope.Striped)]
    [Key("CustomerGroupId", "msdyn_groupid")]
    [Field("CustomerGroupId", "<->", "msdyn_groupid")]
    [Field("Description", "<->", "msdyn_description")]
    public static partial class CustomerGroupsMap
    {
    }

    [DualWriteMap("CustomersV3", "<->", "accounts")]
    [Company(CompanyScope.Striped)]
    [Key("CustomerAccount", "accountnumber")]
    [FoFilter("((PartyType == \"Organization\") && (CustomerGroupId != \"\"))")]
    [DataverseFilter("customertypecode eq 3 and statecode eq 0")]
    [Conflict(ConflictPolicy.LatestWins)]
    [After(typeof(CustomerGroupsMap))]
    [Field("CustomerAccount", "<->", "accountnumber")]
    [Field("OrganizationName", "<->", "name")]
    [Field("CustomerGroupId", "<->", "msdyn_customergroupid.msdyn_groupid")]
    [Field("CreditLimit", "->", "creditlimit", Default = 0)]
    [Field("PaymentTerms", "<->", "msdyn_paymentterms", Via = nameof(PaymentTermsCodes))]
    [Field(FieldAttribute.None, "->", "customertypecode", Default = 3)]
    [Field("LanguageId", "<-", null, Default = "en-us")]
    [Field("AddressCity", "<->", "address1_city", Via = nameof(Text.TitleCase))]
    [Field("OnHoldStatus", "<->", "msdyn_onholdstatus", Via = "OnHoldStatusCodes")]
    [Numbers("CustomerAccounts", "CustomerAccount", FoFrom = "US0001", FoTo = "US4999", DataverseFrom = "US5000", DataverseTo = "US9999")]
    public static partial class CustomersMap
    {
    }

    [DualWriteValueMap]
    [ValueMapEntry("Net30", "<->", 1)]
    [ValueMapEntry("Net60", "<->", 2)]
    [ValueMapEntry("COD", "<->", 3)]
    [ValueMapEntry("Net10", "->", 1)]
    [ValueMapElse("->", 1)]
    [ValueMapElse("<-", "Net30")]
    public static class PaymentTermsCodes
    {
    }

    [DualWriteMap("ProductsV2", "->", "msdyn_globalproducts")]
    [Company(CompanyScope.Global)]
    [Key("ProductNumber", "msdyn_productnumber")]
    [Field("ProductNumber", "->", "msdyn_productnumber")]
    [Field("ProductName", "->", "msdyn_productname")]
    [Field("ProductDescription", "->", "msdyn_description", Default = "")]
    [Field("ProductType", "->", "msdyn_producttype", Via = nameof(ProductTypeCodes))]
    [Field(null, "->", "msdyn_fieldserviceproducttype", Default = 690970000)]
    public static partial class ProductsMap
    {
    }

    [DualWriteValueMap]
    [ValueMapEntry(Fo.EcoResProductType.Item, "->", 1)]
    [ValueMapEntry(Fo.EcoResProductType.Service, "->", 2)]
    public static class ProductTypeCodes
    {
    }

    [DualWriteMap("VendorGroups", "<->", "msdyn_vendorgroups")]
    [Company(CompanyScope.Striped)]
    [Key("VendorGroupId", "msdyn_vendorgroup")]
    [Field("VendorGroupId", "<->", "msdyn_vendorgroup")]
    [Field("Description", "<->", "msdyn_description")]
    public static partial class VendorGroupsMap
    {
    }

    [DualWriteMap("VendorsV2", "<->", "msdyn_vendors")]
    [Company(CompanyScope.Striped)]
    [Key("VendorAccountNumber", "msdyn_vendoraccountnumber")]
    [FoFilter(@"((VendorPartyType == ""Organization"") || (VendorPartyType == ""Person""))")]
    [Conflict(ConflictPolicy.FoWins)]
    [Deletes(DeletePolicy.Ignore)]
    [Field("VendorAccountNumber", "<->", "msdyn_vendoraccountnumber")]
    [Field("VendorOrganizationName", "<->", "msdyn_vendorname")]
    [Field("VendorGroupId", "<->", "msdyn_vendorgroupid.msdyn_vendorgroup")]
    [Field("CreditLimit", "<->", "msdyn_vendorcreditlimit")]
    [Field("IsOneTimeVendor", "<->", "msdyn_isonetimevendor", Via = nameof(NoYesBoolean))]
    [Field("OnHoldStatus", "<->", "msdyn_onholdstatus", Via = nameof(OnHoldStatusCodes))]
    [Field("VendorHoldReleaseDate", "<->", "msdyn_vendoronholdreleasedate")]
    [Field("DUNSNumber", "<->", "msdyn_dunsnumber")]
    [Numbers("VendorAccounts", "VendorAccountNumber", FoPrefix = "F", DataversePrefix = "C")]
    public static partial class VendorsMap
    {
    }

    [DualWriteValueMap]
    [ValueMapEntry(Fo.CustVendorBlocked.No, "<->", 806380000)]
    [ValueMapEntry(Fo.CustVendorBlocked.Invoice, "<->", 806380001)]
    [ValueMapEntry(Fo.CustVendorBlocked.All, "<->", 806380002)]
    [ValueMapEntry(Fo.CustVendorBlocked.Payment, "<->", 806380003)]
    [ValueMapEntry(Fo.CustVendorBlocked.Requisition, "<->", 806380004)]
    [ValueMapEntry(Fo.CustVendorBlocked.Never, "<->", 806380005)]
    public static class OnHoldStatusCodes
    {
    }

    [DualWriteValueMap]
    [ValueMapEntry(Fo.NoYes.No, "<->", false)]
    [ValueMapEntry(Fo.NoYes.Yes, "<->", true)]
    public static class NoYesBoolean
    {
    }
}
