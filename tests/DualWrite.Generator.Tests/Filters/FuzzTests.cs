using System;
using System.Linq;
using System.Text;

namespace DualWrite.Generator.Tests.Filters;

/// <summary>The compilers never throw: random token soups and mutations of valid filters give diagnostics, not exceptions.</summary>
public class FuzzTests
{
    private static readonly string[] XppPieces =
    {
        "(", ")", "((", "))", "&&", "||", "!", "==", "!=", "<", "<=", ">", ">=", "=", "like", "LIKE", "..", ",", "::", ".",
        "\"", "\"x\"", "'y'", "\"\"", "1", "-2", "1.5", "31\\12\\2024", "1\\", "\\", "CustomerAccount", "PartyType", "DirPartyBaseType",
        "Organization", "dataAreaId", "DayRange", "(-30,0)", "A*", "?", "*", "%1", "true", "false", "CreditLimit", "TransactionDate",
        "Blocked", "PartyId", "Photo", " ", "\t", "\n", "é", "\u0000", "𝄞", "&", "|", ":", "@",
    };

    private static readonly string[] ODataPieces =
    {
        "(", ")", "[", "]", "{", "}", ",", "/", ":", "-", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "has", "in", "add",
        "'", "'x'", "''", "\"y\"", "1", "-2", "1.5", "1e5", "2024-01-31", "2024-01-31T10:00:00Z", "2024-13-45T99:99Z",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "true", "false", "null", "name", "statecode", "createdon", "msdyn_duedate",
        "primarycontactid", "msdyn_company", "_msdyn_company_value", "contains", "startswith", "any", "all", "$it", "@p", "%", "=",
        "Ns.T'M'", " ", "\t", "é", "\u0000", "𝄞",
    };

    [Fact]
    public void Random_inputs_never_throw()
    {
        var random = new Random(20240131);
        var fo = FoFilterCompilerTests.Customer();
        var dataverse = DataverseFilterCompilerTests.Account();
        var foPredicates = new System.Collections.Generic.HashSet<string>();
        var dataversePredicates = new System.Collections.Generic.HashSet<string>();
        for (var i = 0; i < 4000; i++)
        {
            var xpp = Soup(random, XppPieces);
            var o = Soup(random, ODataPieces);
            var foResult = fo.Fo(xpp);
            var dataverseResult = dataverse.Dataverse(o);
            AssertSane(foResult, xpp);
            AssertSane(dataverseResult, o);
            if (foResult.CSharpPredicate is not null)
            {
                foPredicates.Add(foResult.CSharpPredicate);
            }

            if (dataverseResult.CSharpPredicate is not null)
            {
                dataversePredicates.Add(dataverseResult.CSharpPredicate);
            }

            // Random characters, too.
            var chars = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)random.Next(0, 128)).ToArray());
            AssertSane(fo.Fo(chars), chars);
            AssertSane(dataverse.Dataverse(chars), chars);
        }

        // Whatever compiled is valid C# (the harness fails on any compiler warning or error).
        Assert.NotEmpty(dataversePredicates);
        PredicateHarness.Compile(fo, foPredicates.ToList());
        PredicateHarness.Compile(dataverse, dataversePredicates.ToList());
    }

    [Fact]
    public void Every_prefix_and_single_character_deletion_of_valid_filters_never_throws()
    {
        var fo = FoFilterCompilerTests.Customer();
        var dataverse = DataverseFilterCompilerTests.Account();
        const string xpp = "((PartyType == DirPartyBaseType::Organization) && (!(CustomerAccount like \"US*\")) || (TransactionDate <= 23\\06\\2021) && (CreditLimit != 1.5))";
        const string o = "(name eq 'it''s' or startswith(name,'A')) and not (createdon ge 2024-01-31T10:00:00Z) and _primarycontactid_value ne 3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        for (var i = 0; i <= xpp.Length; i++)
        {
            AssertSane(fo.Fo(xpp[..i]), xpp[..i]);
            if (i < xpp.Length)
            {
                AssertSane(fo.Fo(xpp.Remove(i, 1)), xpp.Remove(i, 1));
            }
        }

        for (var i = 0; i <= o.Length; i++)
        {
            AssertSane(dataverse.Dataverse(o[..i]), o[..i]);
            if (i < o.Length)
            {
                AssertSane(dataverse.Dataverse(o.Remove(i, 1)), o.Remove(i, 1));
            }
        }

        Assert.NotNull(fo.Fo(xpp).CSharpPredicate);
        Assert.NotNull(dataverse.Dataverse(o).CSharpPredicate);
    }

    private static string Soup(Random random, string[] pieces)
    {
        var builder = new StringBuilder();
        var count = random.Next(0, 14);
        for (var k = 0; k < count; k++)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
            if (random.Next(3) == 0)
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private static void AssertSane(DualWrite.Generator.Filters.FilterCompilation result, string text)
    {
        // Either a predicate or at least one error, never both; no internal-error diagnostics; ranges inside the text.
        Assert.True((result.CSharpPredicate is null) == result.HasErrors, text);
        foreach (var d in result.Diagnostics)
        {
            Assert.DoesNotContain("report this as a compiler bug", d.GetMessage());
            Assert.InRange(d.Location!.Range.Start, TestEntity.FilePrefix.Length, TestEntity.FilePrefix.Length + text.Length);
            Assert.InRange(d.Location.Range.End, TestEntity.FilePrefix.Length, TestEntity.FilePrefix.Length + text.Length);
        }
    }
}
