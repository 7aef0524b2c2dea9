using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Samples.Tests.OData;
using Microsoft.OData.Edm;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Samples.Tests;

/// <summary>
/// The generated filter predicates against OData's own reading of the filters: for every sample map with a filter,
/// <c>MatchesFoFilter(record)</c> must equal the run-time evaluation of <c>FoODataFilter</c> (parsed by
/// Microsoft.OData.Core against the F&amp;O schema), and <c>MatchesDataverseFilter(record)</c> the evaluation of the
/// map's <c>filter dataverse</c> text (against the Dataverse schema), on tables of records that cover nulls, empty
/// strings, every enum member, values outside the enum, boundary numbers and mixed case. Explicit verdicts for a few
/// records pin the meaning, so both sides being wrong the same way still fails.
/// </summary>
public sealed class FilterAgreementTests
{
    // The generated map classes expose only FoODataFilter; the Dataverse texts are read from the .dwmap files
    // (FilterTexts_are_the_samples pins them).
    private static readonly string CustomersDataverseFilter = SampleFiles.FilterText("customers.dwmap", "Customers", "dataverse")!;
    private static readonly string ContactsDataverseFilter = SampleFiles.FilterText("contacts.dwmap", "Contacts", "dataverse")!;

    private static readonly string?[] Strings = { null, "", " ", "10", "30", "abc", "ABC", "aBc", "Ä-Grp", "0123456789" };

    private static IEnumerable<T?> NullAnd<T>(params T[] values) where T : struct =>
        new T?[] { null }.Concat(values.Select(v => (T?)v));

    /// <summary>Every member of the generated enum, null, and a value that is no member.</summary>
    private static IEnumerable<TEnum?> EnumValues<TEnum>() where TEnum : struct, Enum =>
        NullAnd(Enum.GetValues<TEnum>()).Append((TEnum)(object)42);

    private static readonly int[] Ints = { 0, 1, 2, 3, 4, -1, -3, int.MinValue, int.MaxValue };

    public static IEnumerable<Fo.CustomerV3> Customers() =>
        from partyType in EnumValues<Fo.DirPartyBaseType>()
        from groupId in Strings
        select new Fo.CustomerV3
        {
            dataAreaId = "usmf",
            CustomerAccount = "US0042",
            OrganizationName = groupId is null ? null : "Fabrikam " + groupId,
            PartyType = partyType,
            CustomerGroupId = groupId,
            CreditLimit = groupId is null ? null : 0m,
            OnHoldStatus = partyType is null ? null : Fo.CustVendorBlocked.Invoice,
        };

    public static IEnumerable<Fo.VendorV2> Vendors() =>
        from partyType in EnumValues<Fo.DirPartyBaseType>()
        from groupId in new[] { null, "", "vg-A" }
        select new Fo.VendorV2
        {
            dataAreaId = "usmf",
            VendorAccountNumber = "F0001",
            VendorPartyType = partyType,
            VendorGroupId = groupId,
            VendorOrganizationName = groupId,
            IsOneTimeVendor = groupId is null ? null : Fo.NoYes.Yes,
            OnHoldStatus = groupId is null ? null : Fo.CustVendorBlocked.Never,
            CreditLimit = groupId is null ? null : -1m,
        };

    public static IEnumerable<Dataverse.Account> Accounts() =>
        from customerType in NullAnd(Ints)
        from state in NullAnd(0, 1, 2, -1, int.MaxValue)
        select new Dataverse.Account
        {
            accountnumber = "US5001",
            name = state is null ? null : "aDVENTURE works",
            customertypecode = customerType,
            statecode = state,
            creditlimit = customerType is null ? null : 79228162514264337593543950335m,
        };

    public static IEnumerable<Dataverse.Contact> Contacts() =>
        from state in NullAnd(Ints)
        from firstName in new[] { null, "", "aNA" }
        select new Dataverse.Contact
        {
            msdyn_contactpersonid = "CP-1",
            firstname = firstName,
            lastname = firstName?.ToUpperInvariant(),
            statecode = state,
            donotemail = firstName is null ? null : firstName.Length == 0,
        };

    [Fact]
    public void FilterTexts_are_the_samples()
    {
        Assert.Equal("customertypecode eq 3 and statecode eq 0", CustomersDataverseFilter);
        Assert.Equal("statecode eq 0", ContactsDataverseFilter);
        Assert.Equal("PartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Organization' and CustomerGroupId ne '' and CustomerGroupId ne null", CustomersMap.FoODataFilter);
        Assert.Equal("VendorPartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Organization' or VendorPartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Person'", VendorsMap.FoODataFilter);
        Assert.Null(SampleFiles.FilterText("vendors.dwmap", "Vendors", "dataverse"));
        Assert.Null(SampleFiles.FilterText("contacts.dwmap", "Contacts", "fo"));
        Assert.Null(ContactsMap.FoODataFilter);
    }

    [Fact]
    public void Customers_fo_filter_agrees_with_its_odata_translation() =>
        AssertAgreement(Customers(), CustomersMap.MatchesFoFilter, SampleFiles.FoModel, CustomersMap.FoEntitySet, CustomersMap.FoODataFilter!, expected: 80);

    [Fact]
    public void Vendors_fo_filter_agrees_with_its_odata_translation() =>
        AssertAgreement(Vendors(), VendorsMap.MatchesFoFilter, SampleFiles.FoModel, VendorsMap.FoEntitySet, VendorsMap.FoODataFilter!, expected: 24);

    [Fact]
    public void Customers_dataverse_filter_agrees_with_odata() =>
        AssertAgreement(Accounts(), CustomersMap.MatchesDataverseFilter, SampleFiles.DataverseModel, CustomersMap.DataverseEntitySet, CustomersDataverseFilter, expected: 60);

    [Fact]
    public void Contacts_dataverse_filter_agrees_with_odata() =>
        AssertAgreement(Contacts(), ContactsMap.MatchesDataverseFilter, SampleFiles.DataverseModel, ContactsMap.DataverseEntitySet, ContactsDataverseFilter, expected: 30);

    /// <summary>The check is sharp: without its null guard the translation disagrees exactly on the null groups.</summary>
    [Fact]
    public void Without_the_null_guard_the_translation_disagrees_on_null_groups()
    {
        var unguarded = ODataFilterEvaluator.Parse(SampleFiles.FoModel, CustomersMap.FoEntitySet,
            "PartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Organization' and CustomerGroupId ne ''");
        var disagreeing = Customers().Where(c => CustomersMap.MatchesFoFilter(c) != ODataFilterEvaluator.Evaluate(unguarded, EntityRecords.ToRecord(c))).ToList();
        var single = Assert.Single(disagreeing);
        Assert.Equal(Fo.DirPartyBaseType.Organization, single.PartyType);
        Assert.Null(single.CustomerGroupId);
    }

    [Fact]
    public void Sides_without_a_filter_match_every_record()
    {
        Assert.All(Vendors().Select(v => new Dataverse.Msdyn_vendor { msdyn_vendorname = v.VendorOrganizationName, msdyn_onholdstatus = (int?)v.OnHoldStatus }),
            v => Assert.True(VendorsMap.MatchesDataverseFilter(v)));
        Assert.All(Strings, s => Assert.True(ContactsMap.MatchesFoFilter(new Fo.ContactPersonV2 { FirstName = s })));
    }

    // F&O has no nulls: a null CustomerGroupId is "", so != "" is false for it; an enum compares by member.
    [Theory]
    [InlineData("Organization", "30", true)]
    [InlineData("Organization", "abc", true)]
    [InlineData("Organization", "", false)]
    [InlineData("Organization", null, false)]
    [InlineData("Person", "30", false)]
    [InlineData("None", "30", false)]
    [InlineData("LegalEntity", "30", false)]
    [InlineData(null, "30", false)]
    public void Customers_fo_filter_verdicts(string? partyType, string? groupId, bool expected)
    {
        var customer = new Fo.CustomerV3 { PartyType = Member<Fo.DirPartyBaseType>(partyType), CustomerGroupId = groupId };
        AssertVerdict(expected, CustomersMap.MatchesFoFilter(customer), SampleFiles.FoModel, CustomersMap.FoEntitySet, CustomersMap.FoODataFilter!, customer);
    }

    [Theory]
    [InlineData("Organization", true)]
    [InlineData("Person", true)]
    [InlineData("None", false)]
    [InlineData("LegalEntity", false)]
    [InlineData("Team", false)]
    [InlineData(null, false)]
    public void Vendors_fo_filter_verdicts(string? partyType, bool expected)
    {
        var vendor = new Fo.VendorV2 { VendorPartyType = Member<Fo.DirPartyBaseType>(partyType), VendorGroupId = "" };
        AssertVerdict(expected, VendorsMap.MatchesFoFilter(vendor), SampleFiles.FoModel, VendorsMap.FoEntitySet, VendorsMap.FoODataFilter!, vendor);
    }

    // OData: a null column is neither eq 3 nor eq 0.
    [Theory]
    [InlineData(3, 0, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, null, false)]
    [InlineData(null, 0, false)]
    [InlineData(1, 0, false)]
    [InlineData(null, null, false)]
    public void Customers_dataverse_filter_verdicts(int? customerType, int? state, bool expected)
    {
        var account = new Dataverse.Account { customertypecode = customerType, statecode = state };
        AssertVerdict(expected, CustomersMap.MatchesDataverseFilter(account), SampleFiles.DataverseModel, CustomersMap.DataverseEntitySet, CustomersDataverseFilter, account);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(null, false)]
    public void Contacts_dataverse_filter_verdicts(int? state, bool expected)
    {
        var contact = new Dataverse.Contact { statecode = state, firstname = "x" };
        AssertVerdict(expected, ContactsMap.MatchesDataverseFilter(contact), SampleFiles.DataverseModel, ContactsMap.DataverseEntitySet, ContactsDataverseFilter, contact);
    }

    private static TEnum? Member<TEnum>(string? name) where TEnum : struct, Enum =>
        name is null ? null : Enum.Parse<TEnum>(name);

    private static void AssertVerdict(bool expected, bool compiled, IEdmModel model, string entitySet, string filter, object entity)
    {
        var record = EntityRecords.ToRecord(entity);
        Assert.Equal(expected, compiled);
        Assert.Equal(expected, ODataFilterEvaluator.Evaluate(model, entitySet, filter, record));
    }

    /// <summary>
    /// Runs the compiled predicate and the OData evaluation (parsed once, and parsed again per record) on every
    /// record, and reports every disagreement at once. The table must hold both verdicts.
    /// </summary>
    private static void AssertAgreement<T>(IEnumerable<T> records, Func<T, bool> compiled, IEdmModel model, string entitySet, string filter, int expected)
        where T : notnull
    {
        var clause = ODataFilterEvaluator.Parse(model, entitySet, filter);
        var disagreements = new List<string>();
        int count = 0, matched = 0;
        foreach (var entity in records)
        {
            var record = EntityRecords.ToRecord(entity);
            var byCompiled = compiled(entity);
            var byOData = ODataFilterEvaluator.Evaluate(clause, record);
            var byODataReparsed = ODataFilterEvaluator.Evaluate(model, entitySet, filter, record);
            if (byCompiled != byOData || byOData != byODataReparsed)
            {
                disagreements.Add("  " + Describe(record) + ": compiled " + byCompiled + ", OData " + byOData + " (re-parsed " + byODataReparsed + ")");
            }

            count++;
            matched += byCompiled ? 1 : 0;
        }

        Assert.True(disagreements.Count == 0,
            "`" + filter + "` on " + entitySet + ": " + disagreements.Count + " of " + count + " records disagree:\n" + string.Join("\n", disagreements));
        Assert.Equal(expected, count);
        Assert.InRange(matched, 1, count - 1);
    }

    private static string Describe(IReadOnlyDictionary<string, object?> record) =>
        "{ " + string.Join(", ", record.Select(p => p.Key + " = " + (p.Value is null ? "null" : p.Value is string s ? "\"" + s + "\"" : p.Value))) + " }";
}
