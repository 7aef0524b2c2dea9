using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Filters;
using static DualWrite.Generator.Tests.Filters.Records;

namespace DualWrite.Generator.Tests.Filters;

public class FoFilterCompilerTests
{
    internal static TestEntity Customer() => new TestEntity("CustomerV3")
        .Property("CustomerAccount", "Edm.String")
        .Property("CustomerGroupId", "Edm.String")
        .Enum("PartyType", "DirPartyBaseType", ("None", 0), ("Person", 1), ("Organization", 2))
        .Enum("IsB2BProspect", "NoYes", ("No", 0), ("Yes", 1))
        .Property("CreditLimit", "Edm.Decimal")
        .Property("NumberOfEmployees", "Edm.Int32")
        .Property("RecId", "Edm.Int64")
        .Property("Ratio", "Edm.Double")
        .Property("TransactionDate", "Edm.Date")
        .Property("ModifiedDateTime", "Edm.DateTimeOffset")
        .Property("Blocked", "Edm.Boolean")
        .Property("PartyId", "Edm.Guid")
        .Property("dataAreaId", "Edm.String")
        .Property("Photo", "Edm.Binary");

    private static void AssertCompiles(string filter, string cSharp, string oData, TestEntity? entity = null)
    {
        var result = (entity ?? Customer()).Fo(filter);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(cSharp, result.CSharpPredicate);
        Assert.Equal(oData, result.ODataFilter);
    }

    [Fact]
    public void String_equality_ignores_case_and_null_is_empty()
    {
        AssertCompiles("(CustomerGroupId == \"10\")",
            "string.Equals(entity.CustomerGroupId, \"10\", global::System.StringComparison.OrdinalIgnoreCase)",
            "CustomerGroupId eq '10'");
        AssertCompiles("(CustomerGroupId != \"\")",
            "!string.IsNullOrEmpty(entity.CustomerGroupId)",
            "CustomerGroupId ne '' and CustomerGroupId ne null");
        AssertCompiles("(CustomerGroupId == \"\")",
            "string.IsNullOrEmpty(entity.CustomerGroupId)",
            "CustomerGroupId eq '' or CustomerGroupId eq null");
        AssertCompiles("(CustomerGroupId != \"it's\")",
            "!string.Equals(entity.CustomerGroupId, \"it's\", global::System.StringComparison.OrdinalIgnoreCase)",
            "CustomerGroupId ne 'it''s'");
        AssertCompiles("(CustomerGroupId < \"B\")",
            "string.Compare(entity.CustomerGroupId ?? \"\", \"B\", global::System.StringComparison.OrdinalIgnoreCase) < 0",
            "CustomerGroupId lt 'B' or CustomerGroupId eq null");
        AssertCompiles("(CustomerGroupId == \"a\\\"b\")",
            "string.Equals(entity.CustomerGroupId, \"a\\\"b\", global::System.StringComparison.OrdinalIgnoreCase)",
            "CustomerGroupId eq 'a\"b'");
        AssertCompiles("(CustomerGroupId >= \"B\")",
            "string.Compare(entity.CustomerGroupId ?? \"\", \"B\", global::System.StringComparison.OrdinalIgnoreCase) >= 0",
            "CustomerGroupId ge 'B'");
    }

    [Fact]
    public void Like_uses_the_helper_and_wildcards_in_odata_eq()
    {
        AssertCompiles("(CustomerAccount like \"US*\")",
            "global::DualWrite.Generated.DualWriteFilterFunctions.Like(entity.CustomerAccount, \"US*\")",
            "CustomerAccount eq 'US*'");
        AssertCompiles("(CustomerAccount LIKE \"*\")",
            "global::DualWrite.Generated.DualWriteFilterFunctions.Like(entity.CustomerAccount, \"*\")",
            "CustomerAccount eq '*' or CustomerAccount eq null");
        AssertCompiles("(!(CustomerAccount like \"*A*\"))",
            "!global::DualWrite.Generated.DualWriteFilterFunctions.Like(entity.CustomerAccount, \"*A*\")",
            "not (CustomerAccount eq '*A*')");
    }

    [Fact]
    public void Numbers_use_invariant_literals_and_null_is_zero()
    {
        AssertCompiles("((NumberOfEmployees > 1000) && (NumberOfEmployees <= 2000))",
            "entity.NumberOfEmployees > 1000 && (entity.NumberOfEmployees ?? 0) <= 2000",
            "NumberOfEmployees gt 1000 and (NumberOfEmployees le 2000 or NumberOfEmployees eq null)");
        AssertCompiles("(CreditLimit >= 0)",
            "(entity.CreditLimit ?? 0m) >= 0m",
            "CreditLimit ge 0 or CreditLimit eq null");
        AssertCompiles("(CreditLimit < 1.5)",
            "(entity.CreditLimit ?? 0m) < 1.5m",
            "CreditLimit lt 1.5 or CreditLimit eq null");
        AssertCompiles("(CreditLimit == 0)",
            "(entity.CreditLimit ?? 0m) == 0m",
            "CreditLimit eq 0 or CreditLimit eq null");
        AssertCompiles("(CreditLimit != 0)",
            "(entity.CreditLimit ?? 0m) != 0m",
            "CreditLimit ne 0 and CreditLimit ne null");
        AssertCompiles("(RecId > -5)",
            "(entity.RecId ?? 0) > -5",
            "RecId gt -5 or RecId eq null");
        AssertCompiles("(RecId == 5000000000)",
            "entity.RecId == 5000000000L",
            "RecId eq 5000000000");
        AssertCompiles("(Ratio > 0.25)",
            "entity.Ratio > 0.25d",
            "Ratio gt 0.25");
    }

    [Fact]
    public void Enums_by_qualified_member_by_name_or_by_value_ignoring_case()
    {
        const string organization = "entity.PartyType == global::Test.Fo.DirPartyBaseType.Organization";
        const string oData = "PartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Organization'";
        AssertCompiles("(PartyType == DirPartyBaseType::Organization)", organization, oData);
        AssertCompiles("(partytype == dirpartybasetype::ORGANIZATION)", organization, oData);
        AssertCompiles("(PartyType == \"organization\")", organization, oData);
        AssertCompiles("(PartyType == 2)", organization, oData);
        AssertCompiles("(PartyType == \"None\")",
            "(entity.PartyType ?? global::Test.Fo.DirPartyBaseType.None) == global::Test.Fo.DirPartyBaseType.None",
            "PartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'None' or PartyType eq null");
        AssertCompiles("(IsB2BProspect != NoYes::Yes)",
            "entity.IsB2BProspect != global::Test.Fo.NoYes.Yes",
            "IsB2BProspect ne Microsoft.Dynamics.DataEntities.NoYes'Yes'");
        AssertCompiles("(PartyType > DirPartyBaseType::None)",
            "entity.PartyType > global::Test.Fo.DirPartyBaseType.None",
            "PartyType gt Microsoft.Dynamics.DataEntities.DirPartyBaseType'None'");
    }

    [Fact]
    public void Dates_booleans_and_guids()
    {
        AssertCompiles("(TransactionDate <= 23\\06\\2021)",
            "(entity.TransactionDate ?? new global::System.DateOnly(1900, 1, 1)) <= new global::System.DateOnly(2021, 6, 23)",
            "TransactionDate le 2021-06-23 or TransactionDate eq null");
        AssertCompiles("(TransactionDate > 1\\1\\2024)",
            "entity.TransactionDate > new global::System.DateOnly(2024, 1, 1)",
            "TransactionDate gt 2024-01-01");
        AssertCompiles("(ModifiedDateTime >= 31\\01\\2024)",
            "entity.ModifiedDateTime >= new global::System.DateTimeOffset(2024, 1, 31, 0, 0, 0, global::System.TimeSpan.Zero)",
            "ModifiedDateTime ge 2024-01-31T00:00:00Z");
        AssertCompiles("(Blocked == true)", "entity.Blocked == true", "Blocked eq true");
        AssertCompiles("(Blocked == false)", "(entity.Blocked ?? false) == false", "Blocked eq false or Blocked eq null");
        AssertCompiles("(PartyId == \"00000000-0000-0000-0000-000000000000\")",
            "(entity.PartyId ?? global::System.Guid.Empty) == new global::System.Guid(\"00000000-0000-0000-0000-000000000000\")",
            "PartyId eq 00000000-0000-0000-0000-000000000000 or PartyId eq null");
        AssertCompiles("(PartyId == \"3F2504E0-4F89-11D3-9A0C-0305E82C3301\")",
            "entity.PartyId == new global::System.Guid(\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\")",
            "PartyId eq 3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    [Fact]
    public void Logical_operators_parenthesize_sensibly()
    {
        AssertCompiles("((PartyType == \"Organization\") && (CustomerGroupId != \"\"))",
            "entity.PartyType == global::Test.Fo.DirPartyBaseType.Organization && !string.IsNullOrEmpty(entity.CustomerGroupId)",
            "PartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Organization' and CustomerGroupId ne '' and CustomerGroupId ne null");
        AssertCompiles("(((NumberOfEmployees == 1) || (NumberOfEmployees == 2)) && (CustomerGroupId == \"\"))",
            "(entity.NumberOfEmployees == 1 || entity.NumberOfEmployees == 2) && string.IsNullOrEmpty(entity.CustomerGroupId)",
            "(NumberOfEmployees eq 1 or NumberOfEmployees eq 2) and (CustomerGroupId eq '' or CustomerGroupId eq null)");
        AssertCompiles("((NumberOfEmployees == 1) || ((NumberOfEmployees == 2) && (CreditLimit > 5)))",
            "entity.NumberOfEmployees == 1 || (entity.NumberOfEmployees == 2 && entity.CreditLimit > 5m)",
            "NumberOfEmployees eq 1 or (NumberOfEmployees eq 2 and CreditLimit gt 5)");
        AssertCompiles("(!((NumberOfEmployees == 1) || (NumberOfEmployees == 2)))",
            "!(entity.NumberOfEmployees == 1 || entity.NumberOfEmployees == 2)",
            "not (NumberOfEmployees eq 1 or NumberOfEmployees eq 2)");
        AssertCompiles("(NumberOfEmployees == 1) || (NumberOfEmployees == 2)",
            "entity.NumberOfEmployees == 1 || entity.NumberOfEmployees == 2",
            "NumberOfEmployees eq 1 or NumberOfEmployees eq 2");
    }

    [Fact]
    public void Used_properties_are_schema_spellings_in_order()
    {
        var result = Customer().Fo("((CUSTOMERGROUPID == \"A\") && (partytype == 1) && (customergroupid != \"B\"))");
        Assert.Equal(new[] { "CustomerGroupId", "PartyType" }, result.UsedProperties.ToArray());
        Assert.Contains("entity.CustomerGroupId", result.CSharpPredicate);
    }

    [Fact]
    public void Lone_equals_is_read_as_double_equals_with_a_warning()
    {
        var result = Customer().Fo("(NumberOfEmployees = 1)");
        Assert.Equal("entity.NumberOfEmployees == 1", result.CSharpPredicate);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DW0024", warning.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, warning.EffectiveSeverity);
        Assert.Equal(TestEntity.FilePrefix.Length + 19, warning.Location!.Range.Start);
        Assert.Equal(1, warning.Location.Range.Length);
        Assert.Equal((1, 32), (warning.Location.StartLine, warning.Location.StartColumn));
        Assert.Equal("a lone '=' is read as '=='; write '=='", warning.GetMessage());
    }

    public static IEnumerable<object[]> Errors() => new[]
    {
        // filter, id, offset, length, message
        new object[] { "(Nmae == \"x\")", "DW0003", 1, 4, "'Nmae' is not a field of the F&O entity CustomerV3" },
        new object[] { "(CustomerGrupId == \"x\")", "DW0003", 1, 14, "'CustomerGrupId' is not a field of the F&O entity CustomerV3; did you mean 'CustomerGroupId'?" },
        new object[] { "((CustomerAccount LIKE \"US*\") && (DirPartyTable.Name LIKE \"Cont*\"))", "DW0005", 34, 18, "'DirPartyTable.Name' is a field of another data source ('DirPartyTable'): a dual-write filter can only test fields of the entity itself; write the condition on a field of the entity (add the field to the data entity if it has none)" },
        new object[] { "(TransactionDate >= DayRange(-30,0))", "DW0006", 20, 15, "'DayRange(…)' is a function call: a dual-write filter compares fields with constant values, so relative dates (DayRange, MonthRange, currentDate, SysQueryRangeUtil methods) and other functions are not supported; write a constant, e.g. (TransDate >= 01\\01\\2024)" },
        new object[] { "(TransactionDate == currentDate())", "DW0006", 20, 13, null! },
        new object[] { "(MonthRange(-2,0))", "DW0006", 1, 16, null! },
        new object[] { "1..10", "DW0004", 0, 5, "'1..10' is a value range, not an X++ query-range expression: value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write it as an expression, ((Field >= 1) && (Field <= 10)), with Field the field to test" },
        new object[] { "(NumberOfEmployees == 1..10)", "DW0004", 22, 5, "'1..10' is a value range; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write ((NumberOfEmployees >= 1) && (NumberOfEmployees <= 10))" },
        new object[] { "(CustomerAccount == A*)", "DW0004", 20, 2, "'A*' is a value-range wildcard; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write (CustomerAccount like \"A*\")" },
        new object[] { "(CustomerAccount == \"a\", \"b\")", "DW0004", 20, 8, "'\"a\", \"b\"' is a value range; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write ((CustomerAccount == \"a\") || (CustomerAccount == \"b\"))" },
        new object[] { "(CustomerAccount == !Smith)", "DW0004", 20, 6, "'!Smith' is a value-range negation; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write (CustomerAccount != \"Smith\")" },
        new object[] { "(CustomerAccount == Smith)", "DW0004", 20, 5, "'Smith' is a bare value; write it in quotes, (CustomerAccount == \"Smith\"), or as EnumType::Smith for an enum value" },
        new object[] { "CustomerAccount == \"x\"", "DW0004", 0, 22, "each comparison must be in parentheses: write (CustomerAccount == \"x\")" },
        new object[] { "((CustomerAccount == \"x\" && CreditLimit > 1))", "DW0004", 25, 2, "expected ')' to close the comparison: in X++ each comparison has its own parentheses, as in ((A == 1) && (B == 2))" },
        new object[] { "(CustomerAccount \"x\")", "DW0004", 17, 3, "expected a comparison operator (==, !=, <, <=, >, >= or like) after 'CustomerAccount', found '\"x\"'" },
        new object[] { "(CustomerAccount == \"x\"", "DW0004", 23, 0, "expected ')' to close the '(' at offset 0, found the end of the filter" },
        new object[] { "(CustomerAccount == \"x)", "DW0004", 20, 1, "the string is not closed; end it with \"" },
        new object[] { "(CustomerAccount == \"x\") & (CreditLimit > 1)", "DW0004", 25, 1, "'&' is not an operator; write '&&'" },
        new object[] { "", "DW0004", 0, 0, "the filter is empty; write a condition such as (Field == \"value\"), or remove the filter" },
        new object[] { "(CustomerAccount == 10)", "DW0007", 20, 2, "'CustomerAccount' is a string (Edm.String) and cannot be compared with a number; write the value in quotes, \"10\"" },
        new object[] { "(CreditLimit > \"10\")", "DW0007", 15, 4, "'CreditLimit' is a decimal (Edm.Decimal) and cannot be compared with a string; write the number without quotes" },
        new object[] { "(PartyType == \"Company\")", "DW0007", 14, 9, "'Company' is not a member of enum DirPartyBaseType (the type of 'PartyType'); valid members: None, Person, Organization" },
        new object[] { "(PartyType == NoYes::Yes)", "DW0007", 14, 5, "'PartyType' is of enum type DirPartyBaseType, not NoYes; write DirPartyBaseType::Member (members: None, Person, Organization)" },
        new object[] { "(PartyType == 7)", "DW0007", 14, 1, "'7' is not a member of enum DirPartyBaseType (the type of 'PartyType'); valid members: None, Person, Organization" },
        new object[] { "(CreditLimit like \"1*\")", "DW0007", 13, 4, "'like' matches strings, and 'CreditLimit' is a decimal (Edm.Decimal); compare it with ==, !=, <, <=, > or >=" },
        new object[] { "(TransactionDate > 31\\02\\2024)", "DW0007", 19, 10, "'31\\02\\2024' is not a valid date; write dd\\mm\\yyyy, e.g. 31\\01\\2024" },
        new object[] { "(TransactionDate > \"2024-01-01\")", "DW0007", 19, 12, "'TransactionDate' is a date (Edm.Date) and cannot be compared with a string; write a date as dd\\mm\\yyyy, e.g. 31\\01\\2024" },
        new object[] { "(Blocked > false)", "DW0007", 9, 1, "'Blocked' is a boolean (Edm.Boolean), which has no order; compare it with == or !=" },
        new object[] { "(Photo == \"x\")", "DW0007", 1, 5, "'Photo' is of type Edm.Binary, which a filter cannot compare; filter on a string, number, enum, boolean, date or GUID field" },
        new object[] { "()", "DW0004", 0, 2, "'()' is empty; write a condition such as (Field == \"value\")" },
        new object[] { "(CustomerV3. == \"x\")", "DW0004", 13, 2, "expected a field name after 'CustomerV3.', found '=='" },
        new object[] { "(CustomerAccount == DirPartyTable.Name)", "DW0005", 20, 18, "'DirPartyTable.Name' is a field of another data source ('DirPartyTable'): a dual-write filter compares fields of the entity with constant values; write a constant" },
        new object[] { "(CustomerAccount == DirPartyTable.)", "DW0004", 34, 1, "expected a field name after 'DirPartyTable.', found ')'" },
        new object[] { "DirPartyTable.Name == \"x\"", "DW0004", 0, 25, "each comparison must be in parentheses: write (DirPartyTable.Name == \"x\")" },
        new object[] { "CustomerAccount ==", "DW0004", 0, 18, "each comparison must be in parentheses: write (CustomerAccount ==)" },
        new object[] { "(CustomerAccount == A?C)", "DW0004", 20, 3, "'A?C' is a value-range wildcard; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write (CustomerAccount like \"A?C\")" },
        new object[] { "(NumberOfEmployees == ..10)", "DW0004", 22, 4, "'..10' is an open value range; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write (NumberOfEmployees <= 10)" },
        new object[] { "(NumberOfEmployees == ..10 )", "DW0004", 22, 4, null! },
        new object[] { "(CustomerAccount == !A*)", "DW0004", 20, 3, "'!A*' is a value-range negation; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write (!(CustomerAccount like \"A*\"))" },
        new object[] { "(CustomerAccount == ! A )", "DW0004", 20, 3, "'!A' is a value-range negation; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write (CustomerAccount != \"A\")" },
        new object[] { "(CustomerAccount == \"a\", !B*)", "DW0004", 20, 8, "'\"a\", !B*' is a value range; value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; write ((CustomerAccount == \"a\") || (!(CustomerAccount like \"B*\")))" },
        new object[] { "(CustomerAccount == > \"x\")", "DW0004", 20, 1, "two operators in a row; write one comparison such as (CustomerAccount > value)" },
        new object[] { "(CustomerAccount <> \"x\")", "DW0004", 17, 2, "'<>' is not an X++ operator; write '!='" },
        new object[] { "(CustomerAccount == f((1)))", "DW0006", 20, 6, "'f(…)' is a function call: a dual-write filter compares fields with constant values, so relative dates (DayRange, MonthRange, currentDate, SysQueryRangeUtil methods) and other functions are not supported; write a constant, e.g. (TransDate >= 01\\01\\2024)" },
        new object[] { "(CustomerAccount == DayRange((1),0", "DW0004", 20, 14, "the '(' of 'DayRange(' is not closed" },
        new object[] { "(PartyId == 5)", "DW0007", 12, 1, "'PartyId' is a GUID (Edm.Guid) and cannot be compared with a number; write a GUID in quotes, e.g. \"00000000-0000-0000-0000-000000000000\"" },
        new object[] { "(Blocked == 2)", "DW0007", 12, 1, "'Blocked' is a boolean (Edm.Boolean) and cannot be compared with a number; write true or false" },
        new object[] { "(Blocked == NoYes::Yes)", "DW0007", 12, 10, "'Blocked' is a boolean (Edm.Boolean) and cannot be compared with an enum value; write true or false" },
        new object[] { "(RecId == 99999999999999999999)", "DW0007", 10, 20, "'RecId' is an integer (Edm.Int64) and cannot be compared with a number; the number is out of range" },
        new object[] { "(NumberOfEmployees == true)", "DW0007", 22, 4, "'NumberOfEmployees' is an integer (Edm.Int32) and cannot be compared with a boolean; write a number such as 100 or 12.5" },
        new object[] { "(NumberOfEmployees == 1\\1\\2024)", "DW0007", 22, 8, "'NumberOfEmployees' is an integer (Edm.Int32) and cannot be compared with a date; write a number such as 100 or 12.5" },
        new object[] { "(PartyType == true)", "DW0007", 14, 4, "'PartyType' is of enum type DirPartyBaseType and cannot be compared with a boolean; write DirPartyBaseType::Member or the member's name in quotes (members: None, Person, Organization)" },
        new object[] { "(Ratio == \"x\")", "DW0007", 10, 3, "'Ratio' is a floating-point number (Edm.Double) and cannot be compared with a string; write the number without quotes" },
        new object[] { "(dataAreaId == \"usmf\")", "DW0011", 1, 10, "'dataAreaId' restricts the legal entity: which companies sync is chosen when the environments are linked, never per map; remove this condition" },
        new object[] { "(DATAAREAID != \"usmf\")", "DW0011", 1, 10, null! },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Errors_point_at_the_token_and_say_what_to_write(string filter, string id, int offset, int length, string? message)
    {
        var result = Customer().Fo(filter);
        Assert.Null(result.CSharpPredicate);
        Assert.Null(result.ODataFilter);
        var diagnostic = result.Diagnostics.First(d => d.EffectiveSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(TestEntity.FilePrefix.Length + offset, diagnostic.Location!.Range.Start);
        Assert.Equal(length, diagnostic.Location.Range.Length);
        Assert.Equal("test.dwmap", diagnostic.Location.FilePath);
        if (message is not null)
        {
            Assert.Equal(message, diagnostic.GetMessage());
        }
    }

    [Fact]
    public void An_asterisk_in_an_equality_is_compiled_as_written_with_a_warning_that_odata_reads_it_as_a_wildcard()
    {
        var equal = Customer().Fo("(CustomerAccount == \"a*b\")");
        Assert.Equal("string.Equals(entity.CustomerAccount, \"a*b\", global::System.StringComparison.OrdinalIgnoreCase)", equal.CSharpPredicate);
        var warning = Assert.Single(equal.Diagnostics);
        Assert.Equal(("DW0027", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, TestEntity.FilePrefix.Length + 20, 5),
            (warning.Id, warning.EffectiveSeverity, warning.Location!.Range.Start, warning.Location.Range.Length));
        Assert.Equal("'*' in \"a*b\" is a literal character in the compiled filter but a wildcard in F&O's OData, so they select different records; to match the pattern write (CustomerAccount like \"a*b\")",
            warning.GetMessage());

        var notEqual = Customer().Fo("(CustomerAccount != \"a*b\")");
        Assert.Equal("'*' in \"a*b\" is a literal character in the compiled filter but a wildcard in F&O's OData, so they select different records; to exclude the pattern write (!(CustomerAccount like \"a*b\"))",
            Assert.Single(notEqual.Diagnostics).GetMessage());

        Assert.Empty(Customer().Fo("(CustomerAccount like \"a*b\")").Diagnostics);
        Assert.Empty(Customer().Fo("(CustomerAccount < \"a*b\")").Diagnostics);
    }

    [Fact]
    public void Small_integers_singles_collections_and_enums_without_a_zero_member()
    {
        var entity = new TestEntity("Probe")
            .Property("Tiny", "Edm.Byte").Property("Signed", "Edm.SByte").Property("Short", "Edm.Int16").Property("Single", "Edm.Single")
            .Collection("Tags", "Edm.String")
            .Enum("Shade", "Shade", ("Light", 1), ("Dark", 2))
            .Enum("Many", "Many", Enumerable.Range(0, 22).Select(i => ("M" + i, (long)i)).ToArray());

        AssertCompiles("(Tiny == 3)", "entity.Tiny == 3", "Tiny eq 3", entity);
        AssertCompiles("(Signed > -3)", "(entity.Signed ?? 0) > -3", "Signed gt -3 or Signed eq null", entity);
        AssertCompiles("(Short != 3)", "entity.Short != 3", "Short ne 3", entity);
        AssertCompiles("(Single > 1.5)", "entity.Single > 1.5f", "Single gt 1.5", entity);
        AssertCompiles("(Single == 0)", "(entity.Single ?? 0f) == 0f", "Single eq 0 or Single eq null", entity);
        AssertCompiles("(Shade < Shade::Dark)", "(entity.Shade ?? (global::Test.Fo.Shade)0) < global::Test.Fo.Shade.Dark",
            "Shade lt Microsoft.Dynamics.DataEntities.Shade'Dark' or Shade eq null", entity);

        var collection = Assert.Single(entity.Fo("(Tags == \"x\")").Diagnostics);
        Assert.Equal("'Tags' is of type Collection(Edm.String), which a filter cannot compare; filter on a string, number, enum, boolean, date or GUID field",
            collection.GetMessage());
        var many = Assert.Single(entity.Fo("(Many == 23)").Diagnostics);
        Assert.Equal("'23' is not a member of enum Many (the type of 'Many'); valid members: " + string.Join(", ", Enumerable.Range(0, 20).Select(i => "M" + i)) + ", …",
            many.GetMessage());
    }

    [Fact]
    public void Several_semantic_errors_are_all_reported()
    {
        var result = Customer().Fo("((Nope == 1) && (dataAreaId == \"x\") && (CreditLimit == \"y\"))");
        Assert.Equal(new[] { "DW0003", "DW0011", "DW0007" }, result.Diagnostics.Select(d => d.Id).ToArray());
    }

    private static readonly string[] RoundTripFilters =
    {
        "((PartyType == \"Organization\") && (CustomerGroupId != \"\"))",
        "(CustomerGroupId == \"\")",
        "(CustomerGroupId != \"10\")",
        "(CustomerGroupId < \"b\")",
        "(CustomerGroupId >= \"B\")",
        "(CustomerAccount like \"us*\")",
        "(CustomerAccount like \"*\")",
        "(CustomerAccount like \"U?0*1\")",
        "(!(CustomerAccount like \"*A*\"))",
        "(PartyType == DirPartyBaseType::None)",
        "(PartyType != DirPartyBaseType::None)",
        "(PartyType >= DirPartyBaseType::Person)",
        "(PartyType < 2)",
        "(IsB2BProspect == 1)",
        "(IsB2BProspect == NoYes::No)",
        "(CreditLimit == 0)",
        "(CreditLimit != 0)",
        "(CreditLimit > 1000.50)",
        "(CreditLimit <= 1000.50)",
        "(NumberOfEmployees >= -1)",
        "((NumberOfEmployees > 1000) && (NumberOfEmployees <= 2000))",
        "(!((NumberOfEmployees == 0) || (CreditLimit < 0)))",
        "(TransactionDate <= 23\\06\\2021)",
        "(TransactionDate == 1\\1\\1900)",
        "(TransactionDate > 1\\1\\1900)",
        "(ModifiedDateTime < 1\\1\\2024)",
        "(Blocked == false)",
        "(Blocked != true)",
        "(Blocked == true)",
        "(Ratio < 0.5)",
    };

    private static readonly IReadOnlyDictionary<string, object?>[] RoundTripRecords =
    {
        R(),
        R(("CustomerAccount", "US001"), ("CustomerGroupId", "10"), ("PartyType", "Organization"), ("IsB2BProspect", "Yes"), ("CreditLimit", 0m),
            ("NumberOfEmployees", 1500), ("TransactionDate", new System.DateOnly(2021, 6, 23)), ("ModifiedDateTime", new System.DateTimeOffset(2023, 12, 31, 23, 0, 0, System.TimeSpan.Zero)),
            ("Blocked", false), ("Ratio", 0.5d)),
        R(("CustomerAccount", "uk-A-01"), ("CustomerGroupId", ""), ("PartyType", "Person"), ("IsB2BProspect", "No"), ("CreditLimit", 1000.5m),
            ("NumberOfEmployees", 0), ("TransactionDate", new System.DateOnly(1900, 1, 1)), ("Blocked", true), ("Ratio", -1d)),
        R(("CustomerAccount", ""), ("CustomerGroupId", "B"), ("PartyType", "None"), ("CreditLimit", -3m), ("NumberOfEmployees", -2),
            ("TransactionDate", new System.DateOnly(2024, 1, 1)), ("ModifiedDateTime", new System.DateTimeOffset(2024, 1, 1, 0, 0, 0, System.TimeSpan.Zero))),
        R(("CustomerAccount", "U20001"), ("CustomerGroupId", "a"), ("PartyType", "Organization"), ("CreditLimit", 1000.51m), ("NumberOfEmployees", 2000), ("Blocked", null)),
        R(("CustomerAccount", "Contoso"), ("CustomerGroupId", "it's"), ("NumberOfEmployees", 1000), ("CreditLimit", 5m), ("Ratio", 0.25d)),
    };

    [Fact]
    public void Predicate_and_odata_translation_agree_on_a_table_of_records()
    {
        var entity = Customer();
        var compiled = RoundTripFilters.Select(f => (Filter: f, Result: entity.Fo(f))).ToList();
        foreach (var (filter, result) in compiled)
        {
            Assert.True(result.CSharpPredicate is not null, filter + ": " + string.Join("; ", result.Diagnostics.Select(d => d.GetMessage())));
        }

        var harness = PredicateHarness.Compile(entity, compiled.Select(c => c.Result.CSharpPredicate!).ToList());
        for (var i = 0; i < compiled.Count; i++)
        {
            foreach (var record in RoundTripRecords)
            {
                var predicate = harness.Evaluate(i, record);
                var oData = ReferenceODataEvaluator.Evaluate(compiled[i].Result.ODataFilter!, entity, record, foWildcards: true);
                Assert.True(predicate == oData,
                    $"{compiled[i].Filter} on {{{string.Join(", ", record.Select(kv => kv.Key + "=" + kv.Value))}}}: C# {predicate}, OData {oData} ({compiled[i].Result.ODataFilter})");
            }
        }
    }

    [Fact]
    public void The_null_rule_reads_absent_values_as_empty_values()
    {
        var entity = Customer();
        var filters = new[]
        {
            "(CustomerGroupId == \"\")", "(CreditLimit == 0)", "(PartyType == DirPartyBaseType::None)", "(Blocked == false)",
            "(TransactionDate == 1\\1\\1900)", "(NumberOfEmployees < 1)", "(CustomerAccount like \"*\")",
        };
        var harness = PredicateHarness.Compile(entity, filters.Select(f => entity.Fo(f).CSharpPredicate!).ToList());
        for (var i = 0; i < filters.Length; i++)
        {
            Assert.True(harness.Evaluate(i, R()), filters[i]);
        }
    }

    [Fact]
    public void String_comparisons_and_like_ignore_case()
    {
        var entity = Customer();
        var filters = new[] { "(CustomerAccount == \"us-001\")", "(CustomerAccount like \"US-*1\")", "(CustomerAccount like \"u?-00?\")", "(CustomerAccount != \"US-001\")" };
        var harness = PredicateHarness.Compile(entity, filters.Select(f => entity.Fo(f).CSharpPredicate!).ToList());
        var record = R(("CustomerAccount", "Us-001"));
        Assert.True(harness.Evaluate(0, record));
        Assert.True(harness.Evaluate(1, record));
        Assert.True(harness.Evaluate(2, record));
        Assert.False(harness.Evaluate(3, record));
    }
}
