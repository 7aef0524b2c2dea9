using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DualWrite.Generator.Filters;
using DualWrite.Generator.Filters.OData;
using DualWrite.Generator.Filters.Xpp;
using Xunit.Abstractions;
using static DualWrite.Generator.Tests.Filters.Records;

namespace DualWrite.Generator.Tests.Filters;

/// <summary>The public corpora (TestData/filters, with their sources in its README): counts are recorded in docs/filters.md.</summary>
public class CorpusTests
{
    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output) => _output = output;

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "filters", file);

    // ---- schema inference: a permissive schema for each filter, from the fields it uses and the literals it compares them with.

    /// <summary>F&amp;O: strings that look like names ("Organization") make enum fields; numbers Int32; dates Edm.Date.</summary>
    internal static TestEntity InferFo(string filter)
    {
        var entity = new TestEntity("Inferred");
        var context = entity.Context(filter, fo: true);
        var tree = XppParser.Parse(filter, new FilterDiagnostics(context));
        var fields = new Dictionary<string, (string Type, List<string> Members, string? EnumName)>(StringComparer.OrdinalIgnoreCase);
        void Visit(XppNode? node)
        {
            switch (node)
            {
                case XppAnd a: Visit(a.Left); Visit(a.Right); break;
                case XppOr o: Visit(o.Left); Visit(o.Right); break;
                case XppNot n: Visit(n.Operand); break;
                case XppComparison { Field: { } field, Value: { } value } c:
                {
                    if (!fields.TryGetValue(field, out var info))
                    {
                        info = ("Edm.String", new List<string>(), null);
                    }

                    switch (value.Kind)
                    {
                        case XppValueKind.String when c.Operator != XppOperator.Like && Regex.IsMatch(value.Text, "^[A-Za-z][A-Za-z0-9_]*$"):
                            info.Type = "enum";
                            info.Members.Add(value.Text);
                            break;
                        case XppValueKind.EnumValue:
                            info.Type = "enum";
                            info.EnumName = value.EnumType;
                            info.Members.Add(value.Text);
                            break;
                        case XppValueKind.Number: info.Type = "Edm.Int32"; break;
                        case XppValueKind.Date: info.Type = "Edm.Date"; break;
                        case XppValueKind.Boolean: info.Type = "Edm.Boolean"; break;
                    }

                    fields[field] = info;
                    break;
                }
            }
        }

        Visit(tree);
        foreach (var (name, info) in fields)
        {
            if (info.Type == "enum")
            {
                var members = new[] { "None" }.Concat(info.Members).Distinct(StringComparer.OrdinalIgnoreCase)
                    .Select((m, i) => (m, (long)i)).ToArray();
                entity.Enum(name, info.EnumName ?? name + "Enum", members);
            }
            else
            {
                entity.Property(name, info.Type);
            }
        }

        return entity;
    }

    /// <summary>Dataverse: types from the literals; a column only compared with null is a string.</summary>
    internal static TestEntity InferDataverse(string filter)
    {
        var entity = new TestEntity("inferred", "Microsoft.Dynamics.CRM");
        var context = entity.Context(filter, fo: false);
        var tree = ODataParser.Parse(filter, new FilterDiagnostics(context));
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Column(ODataOperand operand, string? type)
        {
            if (operand is ODataPath { Segments.Count: 1 } path)
            {
                var name = path.Segments[0].Name;
                if (!fields.TryGetValue(name, out var known) || known is null)
                {
                    fields[name] = type;
                }
            }
        }

        static string? TypeOf(ODataOperand operand) => operand is ODataLiteral literal ? literal.Kind switch
        {
            ODataLiteralKind.String => "Edm.String",
            ODataLiteralKind.Integer => "Edm.Int32",
            ODataLiteralKind.Decimal => "Edm.Decimal",
            ODataLiteralKind.Boolean => "Edm.Boolean",
            ODataLiteralKind.Guid => "Edm.Guid",
            ODataLiteralKind.Date => "Edm.Date",
            ODataLiteralKind.DateTimeOffset => "Edm.DateTimeOffset",
            _ => null,
        } : null;

        void Visit(ODataNode? node)
        {
            switch (node)
            {
                case ODataAnd a: Visit(a.Left); Visit(a.Right); break;
                case ODataOr o: Visit(o.Left); Visit(o.Right); break;
                case ODataNot n: Visit(n.Operand); break;
                case ODataComparison c:
                    Column(c.Left, TypeOf(c.Right));
                    Column(c.Right, TypeOf(c.Left));
                    break;
                case ODataCondition { Operand: ODataPath p }: Column(p, "Edm.Boolean"); break;
                case ODataCondition { Operand: ODataCall call }:
                    foreach (var argument in call.Arguments)
                    {
                        Column(argument, "Edm.String");
                    }

                    break;
            }
        }

        Visit(tree);
        foreach (var (name, type) in fields)
        {
            entity.Property(name, type ?? "Edm.String");
        }

        return entity;
    }

    /// <summary>Sample records for an inferred entity: all null, and each field at each value its filter names or near it.</summary>
    private static List<IReadOnlyDictionary<string, object?>> SampleRecords(TestEntity entity)
    {
        var records = new List<IReadOnlyDictionary<string, object?>> { R() };
        var candidates = entity.Properties.ToDictionary(p => p.Name, p => p.TypeName switch
        {
            "Edm.String" => new object?[] { "", "999", "Note", "URL", "A", "Anne", "bAnana", "3", "account", "contact", "msdyn_vendor", "salesorder", "msdyn_purchaseorder", "x" },
            "Edm.Int32" => new object?[] { 0, 1, 3, 1000, 1001, 2000, 2001, 192350000, 690970000, -1 },
            "Edm.Decimal" => new object?[] { 0m, 1.5m },
            "Edm.Boolean" => new object?[] { true, false },
            "Edm.Date" => new object?[] { new DateOnly(2021, 6, 23), new DateOnly(2021, 6, 24), new DateOnly(1900, 1, 1) },
            _ => entity.Enums.Single(e => e.FullName == p.TypeName).Members.Select(m => (object?)m.Name).ToArray(),
        });
        foreach (var (name, values) in candidates)
        {
            foreach (var value in values.Append(null))
            {
                records.Add(R((name, value)));
            }
        }

        // Every field at once, cycling through the candidates.
        for (var k = 0; k < 12; k++)
        {
            records.Add(candidates.ToDictionary(c => c.Key, c => c.Value[k % c.Value.Length]));
        }

        return records;
    }

    private sealed record Pair(string Source, string? Xpp, string? OData);

    private static List<Pair> DualWritePairs()
    {
        var pairs = new List<Pair>();
        using (var oob = JsonDocument.Parse(File.ReadAllText(Data("dualwrite-oob-filter-pairs.json"))))
        {
            foreach (var e in oob.RootElement.EnumerateArray())
            {
                pairs.Add(new Pair("oob: " + e.GetProperty("map").GetString(), e.GetProperty("sourceFilter_xpp").GetString(), e.GetProperty("reversedSourceFilter_odata").GetString()));
            }
        }

        using (var examples = JsonDocument.Parse(File.ReadAllText(Data("customizing-mappings-filter-examples.json"))))
        {
            foreach (var e in examples.RootElement.EnumerateArray())
            {
                pairs.Add(new Pair("customizing: " + e.GetProperty("label").GetString(), e.GetProperty("fo_xpp").GetString(), e.GetProperty("dataverse_odata").GetString()));
            }
        }

        return pairs;
    }

    [Fact]
    public void Every_dual_write_filter_compiles_and_its_predicate_agrees_with_its_odata()
    {
        int xpp = 0, oData = 0, records = 0;
        foreach (var pair in DualWritePairs())
        {
            if (pair.Xpp is not null)
            {
                var entity = InferFo(pair.Xpp);
                var result = entity.Fo(pair.Xpp);
                Assert.True(result.CSharpPredicate is not null, pair.Source + ": " + string.Join("; ", result.Diagnostics.Select(d => d.Id + " " + d.GetMessage())));
                Assert.All(result.Diagnostics, d => Assert.Equal("DW0024", d.Id)); // the only warning: a lone '='
                var harness = PredicateHarness.Compile(entity, new[] { result.CSharpPredicate! });
                foreach (var record in SampleRecords(entity))
                {
                    records++;
                    Assert.Equal(
                        ReferenceODataEvaluator.Evaluate(result.ODataFilter!, entity, record, foWildcards: true),
                        harness.Evaluate(0, record));
                }

                xpp++;
            }

            if (pair.OData is not null)
            {
                var entity = InferDataverse(pair.OData);
                var result = entity.Dataverse(pair.OData);
                Assert.True(result.CSharpPredicate is not null, pair.Source + ": " + string.Join("; ", result.Diagnostics.Select(d => d.Id + " " + d.GetMessage())));
                var harness = PredicateHarness.Compile(entity, new[] { result.CSharpPredicate! });
                foreach (var record in SampleRecords(entity))
                {
                    records++;
                    Assert.Equal(ReferenceODataEvaluator.Evaluate(pair.OData, entity, record, foWildcards: false), harness.Evaluate(0, record));
                }

                oData++;
            }
        }

        _output.WriteLine($"dual-write corpus: {xpp} X++ filters and {oData} OData filters compiled; {records} record evaluations agree");
        Assert.Equal(19, xpp);   // 12 out-of-box source filters + 7 documented examples
        Assert.Equal(24, oData); // 17 out-of-box reversed source filters + 7 documented examples
    }

    private static readonly object?[][] VerdictRows =
    {
        // filter, fo?, record, expected
        new object?[] { "((PartyType == \"Organization\"))", true, R(("PartyType", "Organization")), true },
        new object?[] { "((PartyType == \"Organization\"))", true, R(("PartyType", "None")), false },
        new object?[] { "((PartyType == \"Organization\"))", true, R(), false },
        new object?[] { "((CURRENCYCODE != \"999\"))", true, R(("CURRENCYCODE", "999")), false },
        new object?[] { "((CURRENCYCODE != \"999\"))", true, R(), true },
        new object?[] { "(SalesOrderNumber != \"\")", true, R(("SalesOrderNumber", "")), false },
        new object?[] { "(SalesOrderNumber != \"\")", true, R(), false },
        new object?[] { "(SalesOrderNumber != \"\")", true, R(("SalesOrderNumber", "SO-1")), true },
        new object?[] { "(AssociatedContactType = 1)", true, R(("AssociatedContactType", 1)), true },
        new object?[] { "(name like \"A*\")", true, R(("name", "anne")), true },
        new object?[] { "(!(name like \"*A*\"))", true, R(("name", "Bob")), true },
        new object?[] { "(!(name like \"*A*\"))", true, R(("name", "bAnana")), false },
        new object?[] { "(TransactionDate <= 23\\06\\2021)", true, R(("TransactionDate", new DateOnly(2021, 6, 23))), true },
        new object?[] { "(TransactionDate <= 23\\06\\2021)", true, R(("TransactionDate", new DateOnly(2021, 6, 24))), false },
        new object?[] { "((numberofemployees > 1000) && (numberofemployees <= 2000))", true, R(("numberofemployees", 2000)), true },
        new object?[] { "((numberofemployees > 1000) && (numberofemployees <= 2000))", true, R(("numberofemployees", 1000)), false },
        new object?[] { "(msdyn_linetype ne 690970000 or msdyn_linetype eq null) and msdyn_isreadytosync eq true", false, R(("msdyn_isreadytosync", true)), true },
        new object?[] { "(msdyn_linetype ne 690970000 or msdyn_linetype eq null) and msdyn_isreadytosync eq true", false, R(("msdyn_linetype", 690970000), ("msdyn_isreadytosync", true)), false },
        new object?[] { "msdyn_sellable eq true  and msdyn_contactpersonid ne null", false, R(("msdyn_sellable", true), ("msdyn_contactpersonid", "C1")), true },
        new object?[] { "msdyn_sellable eq true  and msdyn_contactpersonid ne null", false, R(("msdyn_sellable", true)), false },
        new object?[] { "not contains(name, 'A')", false, R(("name", "bAnana")), false },
        new object?[] { "not contains(name, 'A')", false, R(), true },
        new object?[] { "startswith(name, 'A')", false, R(("name", "anne")), true },
        new object?[] { "(objecttypecode eq 'account' or objecttypecode eq 'contact') and msdyn_relatedentityid ne null", false, R(("objecttypecode", "Account"), ("msdyn_relatedentityid", "x")), true },
    };

    // Rows are passed by index: a record is not serializable, and xunit runs a theory with a row it cannot serialize as
    // one test case, so Stryker's per-test coverage could not tell which row covered a mutant.
    public static TheoryData<int, string> Verdicts()
    {
        var rows = new TheoryData<int, string>();
        for (var i = 0; i < VerdictRows.Length; i++)
        {
            rows.Add(i, (string)VerdictRows[i][0]!);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Corpus_filters_give_the_right_verdict(int row, string filter)
    {
        var fo = (bool)VerdictRows[row][1]!;
        var record = (IReadOnlyDictionary<string, object?>)VerdictRows[row][2]!;
        var expected = (bool)VerdictRows[row][3]!;
        var entity = fo ? InferFo(filter) : InferDataverse(filter);
        var result = fo ? entity.Fo(filter) : entity.Dataverse(filter);
        var predicate = PredicateHarness.CompileOne(entity, result.CSharpPredicate!);
        Assert.Equal(expected, predicate(record));
    }

    // ---- X++ query-range examples: compiled, or refused with the DSL's diagnostic.

    private static readonly Dictionary<string, string> XppExpected = new()
    {
        ["Smith"] = "DW0004",
        ["!Smith"] = "DW0004",
        ["1..10"] = "DW0004",
        ["A..C"] = "DW0004",
        ["A..D"] = "DW0004",
        ["..1000"] = "DW0004",
        ["1000.."] = "DW0004",
        [">1000"] = "DW0004",
        ["<1000"] = "DW0004",
        ["S*"] = "DW0004",
        ["*east"] = "DW0004",
        ["*th*"] = "DW0004",
        ["Sm?th"] = "DW0004",
        ["A, D, F, G"] = "DW0004",
        ["10, 20, 30, 100"] = "DW0004",
        ["\"\""] = "DW0004",
        ["((AccountNum LIKE \"US*\") && (DirPartyTable.Name LIKE \"Cont*\"))"] = "DW0005",
        ["T"] = "DW0004",
        ["(yearRange(-2,0))"] = "DW0006",
        ["(Day(1))"] = "DW0006",
        ["(Day(0))"] = "DW0006",
        ["(Day(-1))"] = "DW0006",
        ["(DayRange(-30,0))"] = "DW0006",
        ["(DayRange(-30,30))"] = "DW0006",
        ["(GreaterThanDate(30))"] = "DW0006",
        ["(GreaterThanUtcNow())"] = "DW0006",
        ["(LessThanDate(7))"] = "DW0006",
        ["(LessThanUtcNow())"] = "DW0006",
        ["(MonthRange(-2,0))"] = "DW0006",
        ["(MonthRange(0,3))"] = "DW0006",
        ["(YearRange(0, 1))"] = "DW0006",
        ["(YearRange(-1,0))"] = "DW0006",
        ["5012..5500"] = "DW0004",
        ["((A == 10) || (B == 20))"] = "compiled",
        ["strFmt('((A == %1) || (B == %2))',x,y)"] = "DW0006",
        ["((%1.%2 == \"4000\") || (%1.%3 > 2500))"] = "DW0004",
        ["4005, 4006"] = "DW0004",
        ["((AccountNum == \"4005\") || (AccountNum == \"4006\"))"] = "compiled",
    };

    [Fact]
    public void Every_xpp_range_example_is_compiled_or_refused_with_the_dsl_diagnostic()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Data("xpp-range-examples.json")));
        var outcomes = new Dictionary<string, int>();
        var hintsChecked = 0;
        foreach (var example in document.RootElement.EnumerateArray())
        {
            var expr = example.GetProperty("expr").GetString()!;
            Assert.True(XppExpected.TryGetValue(expr, out var expected), "no expectation for " + expr);
            var entity = new TestEntity("CustTable").Property("AccountNum", "Edm.String").Property("A", "Edm.Int32").Property("B", "Edm.Int32");
            var result = entity.Fo(expr);
            var actual = result.CSharpPredicate is not null ? "compiled" : result.Diagnostics.First(d => d.Id != "DW0024").Id;
            Assert.True(expected == actual, expr + ": expected " + expected + ", got " + actual + " " + string.Join("; ", result.Diagnostics.Select(d => d.GetMessage())));
            outcomes[actual] = outcomes.GetValueOrDefault(actual) + 1;

            // A value range's message suggests an expression: it compiles once 'Field' is a real field.
            var message = result.Diagnostics.FirstOrDefault()?.GetMessage() ?? "";
            var hint = Regex.Match(message, "write it as an expression, (.*), with Field the field to test$");
            if (hint.Success)
            {
                var suggestion = hint.Groups[1].Value;
                var field = new TestEntity("T").Property("Field", suggestion.Contains('"') ? "Edm.String" : "Edm.Int32");
                var compiled = field.Fo(suggestion);
                Assert.True(compiled.CSharpPredicate is not null, expr + " → " + suggestion + ": " + string.Join("; ", compiled.Diagnostics.Select(d => d.GetMessage())));
                hintsChecked++;
            }
        }

        _output.WriteLine("X++ range examples: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => o.Key + " " + o.Value)) + $"; {hintsChecked} suggested rewrites compile");
        Assert.Equal(38, outcomes.Values.Sum());
        Assert.Equal(2, outcomes["compiled"]);
        Assert.Equal(19, hintsChecked);
    }

    // ---- OData ABNF test suite, section 5.1.1, cases of the rules filter / boolCommonExpr / notExpr.

    internal sealed record AbnfCase(string Name, string Rule, string Input, int? FailAt);

    /// <summary>Reads the test cases of the YAML file (the simple subset it uses; every scalar as a string).</summary>
    internal static List<AbnfCase> ReadAbnfCases()
    {
        var lines = File.ReadAllLines(Data("odata-abnf-testcases.yaml"));
        var cases = new List<AbnfCase>();
        var start = Array.IndexOf(lines, "TestCases:");
        Dictionary<string, string>? current = null;
        string? lastKey = null;
        void Flush()
        {
            if (current is not null && current.TryGetValue("Name", out var name) && current.TryGetValue("Rule", out var rule) && current.TryGetValue("Input", out var input))
            {
                cases.Add(new AbnfCase(Scalar(name), Scalar(rule), Scalar(input),
                    current.TryGetValue("FailAt", out var failAt) ? int.Parse(Scalar(failAt), CultureInfo.InvariantCulture) : null));
            }
        }

        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var item = Regex.Match(line, "^  - (\\w+):(.*)$");
            var key = Regex.Match(line, "^    (\\w+):(.*)$");
            if (item.Success)
            {
                Flush();
                current = new Dictionary<string, string> { [item.Groups[1].Value] = item.Groups[2].Value.Trim() };
                lastKey = item.Groups[1].Value;
            }
            else if (key.Success && current is not null)
            {
                lastKey = key.Groups[1].Value;
                current[lastKey] = key.Groups[2].Value.Trim();
            }
            else if (current is not null && lastKey is not null && line.StartsWith("      ", StringComparison.Ordinal) && !line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                current[lastKey] = (current[lastKey] + " " + line.Trim()).Trim(); // folded continuation line
            }
        }

        Flush();
        return cases;
    }

    private static string Scalar(string raw)
    {
        if (raw.Length >= 2 && raw[0] == '\'' && raw[^1] == '\'')
        {
            return raw[1..^1].Replace("''", "'");
        }

        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            return Regex.Unescape(raw[1..^1]);
        }

        return raw;
    }

    /// <summary>Outcome of one case: "accepted", a diagnostic ID, or "prefix" (the $filter= query option syntax).</summary>
    private static string Outcome(AbnfCase c)
    {
        var text = c.Input;
        if (c.Rule == "filter")
        {
            // The rule includes the query option name; a .dwmap filter holds only the expression after '='.
            var option = Regex.Match(text, "^\\$?filter=(?=\\S)");
            if (!option.Success)
            {
                return "prefix";
            }

            text = text.Substring(option.Length);
        }

        var entity = InferDataverse(text);
        var result = entity.Dataverse(text);
        return result.CSharpPredicate is not null ? "accepted" : result.Diagnostics[0].Id;
    }

    private static readonly Dictionary<string, string> AbnfExpected = new()
    {
        // Within the subset: accepted.
        ["$filter=true"] = "accepted",
        ["filter=true"] = "accepted",
        ["$filter=Completed"] = "accepted",
        ["Size eq true"] = "accepted",
        ["Size eq 4.0"] = "accepted",
        ["Street eq 'Hugo'"] = "accepted",
        ["Name ne 'Milk'"] = "accepted",
        ["Name gt 'Milk'"] = "accepted",
        ["Name ge 'Milk'"] = "accepted",
        ["Name lt 'Milk'"] = "accepted",
        ["Name le 'Milk'"] = "accepted",
        ["true and false"] = "accepted",
        ["true or false"] = "accepted",
        ["not false"] = "accepted",
        ["Name eq 'Milk'"] = "accepted",
        ["Name EQ 'Milk' AND Price LT 2.55"] = "accepted",
        ["Name Eq 'Milk' OR Price Lt 2.55"] = "accepted",
        ["not endswith(Name,'ilk')"] = "accepted",
        ["( true )"] = "accepted",
        ["(Name eq 'Milk')"] = "accepted",
        ["(false)"] = "accepted",
        ["contains(CompanyName,'lfreds')"] = "accepted",
        ["endswith(CompanyName,'Futterkiste')"] = "accepted",
        ["startswith(CompanyName,'Futterkiste')"] = "accepted",
        ["$filter=ReleaseDate gt 2013-05-24"] = "accepted",

        // Valid OData outside the subset: refused on purpose.
        ["true eq false"] = "DW0004",                   // compares two values, no column
        ["true ne false"] = "DW0004",
        ["Address/Street eq 'Hugo'"] = "DW0005",        // navigation / complex paths
        ["Supplier/Name eq 'Milk'"] = "DW0005",
        ["startswith(Supplier/Name,'Futterkiste')"] = "DW0005",
        ["lambda/Name eq $it/Name"] = "DW0005",
        ["$filter=Address eq {\"Street\":\"NE 40th\",\"City\":\"Redmond\",\"State\":\"WA\",\"ZipCode\":\"98052\"}"] = "DW0006",
        ["style has Sales.Pattern'Yellow'"] = "DW0006",
        ["Name in ('Milk', 'Cheese')"] = "DW0006",
        ["Name in [\"Milk\", \"Cheese\"]"] = "DW0006",
        ["Price add 2.45 eq 5.00"] = "DW0006",
        ["Price sub 0.55 eq 2.00"] = "DW0006",
        ["Price mul 2.0 eq 5.10"] = "DW0006",
        ["Price div 2.55 eq 1"] = "DW0006",
        ["Rating divby 2 eq 2.5"] = "DW0006",
        ["Rating mod 5 eq 0"] = "DW0006",
        ["(4 add 5) mod (4 sub 1) eq 0"] = "DW0006",
        ["contains(Names,[\"Fred\",\"George\"])"] = "DW0006",
        ["endswith([\"Fred\",\"George\",\"Ron\"],[\"George\",\"Ron\"])"] = "DW0006",
        ["length(CompanyName) eq 19"] = "DW0006",
        ["length([\"Fred\",\"George\",\"Ron\"]) eq 3"] = "DW0006",
        ["startswith([\"Fred\",\"George\",\"Ron\"],[\"Fred\",\"George\"])"] = "DW0006",
        ["hassubset(Names,[\"Milk\", \"Cheese\"])"] = "DW0006",
        ["hassubset([\"Milk\", \"Cheese\"],Names)"] = "DW0006",
        ["hassubsequence([4,1,3],[4,3])"] = "DW0006",
        ["geo.intersects(Supplier/SalesArea,Product/Location)"] = "DW0006",
        ["Products/all(lambda:true)"] = "DW0006",
        ["[\"Joe\",\"Smith\"] in [[\"John\",\"Doe\"],[\"Jane\",\"Smith\"]]"] = "DW0006",
        ["[FirstName,LastName] in [[\"John\",\"Doe\"],[\"Jane\",\"Smith\"]]"] = "DW0006",
        ["[\"Milk\", \"Cheese\"] eq [\"Oranges\", \"Carrots\", \"Ginger\"]"] = "DW0006",
        ["$filter=endswith($it,'.com')"] = "DW0006",
        ["$this eq 'Hugo'"] = "DW0006",
        ["$filter=endswith($this,'.com')"] = "DW0006",
        ["$filter=Price/@Measures.Currency eq 'EUR'"] = "DW0006",
        ["$filter=Price/@Currency eq 'EUR'"] = "DW0006",
        ["$filter=Price/@Currency%23Reporting eq 'EUR'"] = "DW0006",
        ["$filter=@Core.Messages/any(m:m/severity eq 'error')"] = "DW0006",
        ["$filter=@Messages/any(m:m/severity eq 'error')"] = "DW0006",

        // Negative cases of the suite: refused.
        ["$filter =true"] = "prefix",
        ["$filter= true"] = "prefix",
        ["any()"] = "DW0006",
        ["all(lambda:true)"] = "DW0006",
        ["Products/all()"] = "DW0006",
    };

    [Fact]
    public void Odata_abnf_filter_cases_are_accepted_within_the_subset_and_refused_outside_it()
    {
        var cases = ReadAbnfCases()
            .Where(c => Regex.IsMatch(c.Name, "^5\\.1\\.1(\\s|\\.\\d|:|$)") && !c.Name.StartsWith("5.1.10", StringComparison.Ordinal))
            .Where(c => c.Rule.Equals("filter", StringComparison.Ordinal) || c.Rule.Equals("boolCommonExpr", StringComparison.OrdinalIgnoreCase) || c.Rule == "notExpr")
            .ToList();
        Assert.Equal(68, cases.Count);
        var counts = new Dictionary<string, int>();
        foreach (var c in cases)
        {
            Assert.True(AbnfExpected.TryGetValue(c.Input, out var expected), "no expectation for " + c.Input);
            var actual = Outcome(c);
            Assert.True(expected == actual, $"{c.Name}: {c.Input}: expected {expected}, got {actual}");
            if (c.FailAt is not null)
            {
                Assert.NotEqual("accepted", actual);
            }

            var key = (c.FailAt is null ? "positive " : "negative ") + (actual == "accepted" ? "accepted" : "refused " + actual);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        _output.WriteLine(string.Join("\n", counts.OrderBy(c => c.Key).Select(c => c.Key + ": " + c.Value)));
        Assert.Equal(25, counts["positive accepted"]);
        Assert.Equal(5, cases.Count(c => c.FailAt is not null));
    }
}
