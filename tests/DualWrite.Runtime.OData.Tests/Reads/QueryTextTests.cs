using System;
using System.Linq;
using System.Text;
using DualWrite.Runtime.OData.Reads;

namespace DualWrite.Runtime.OData.Tests.Reads;

/// <summary>
/// The read-ahead counts and writes its queries' escaped text itself instead of through <see cref="Uri"/>: for the key
/// filters the connectors build it must be the text a <see cref="Uri"/> sent, and for any text the same query, never
/// longer once made a <see cref="Uri"/>, or a query could pass the longest URL the services take or ask for something else.
/// </summary>
public sealed class QueryTextTests
{
    private const string Root = "https://contoso.example/api/data/v9.2/msdyn_customergroups?$filter=";

    // Literals as users type them: quotes, spaces, reserved and non-ASCII characters, a surrogate pair.
    private const string LiteralAlphabet = "abcXYZ019 -._~!$&'()*+,;=:@/?%#\"<>^`{|}[]\\\u00f8\u20ac\u00e9\U0001D11E";

    // Any text a query might hold; '#' is left out, since a Uri takes it as the start of a fragment.
    private const string AnyAlphabet = "abcXYZ019 -._~!$&'()*+,;=:@/?%%%\"<>^`{|}[]\\\u00f8\u20ac\u00e9";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_key_filter_is_escaped_as_a_uri_escapes_it(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 1000; round++)
        {
            var clauses = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => $"col{random.Next(10)} eq " + Uri.EscapeDataString("'" + RandomText(random, LiteralAlphabet) + "'"));
            var filter = (random.Next(2) == 0 ? "(" : string.Empty) + string.Join(" and ", clauses);

            var viaUri = new Uri(Root + "(" + filter + ")").AbsoluteUri;
            Assert.True(viaUri == Root + "(" + Escape(filter) + ")", $"seed {seed}, round {round}, filter '{filter}': a Uri sends {viaUri}, not {Escape(filter)}");
            Assert.Equal(viaUri.Length - Root.Length - 2, QueryText.EscapedLength(filter));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Any_escaped_text_is_the_same_query_and_never_longer_as_a_uri(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 2000; round++)
        {
            var raw = RandomText(random, AnyAlphabet);
            var text = Escape(raw);
            var context = $"seed {seed}, round {round}, text '{raw}', escaped '{text}'";

            Assert.True(text.Length == QueryText.EscapedLength(raw), $"{context}: counted {QueryText.EscapedLength(raw)}");
            var viaUri = new Uri(Root + "(" + raw + ")").AbsoluteUri;
            Assert.True(Uri.UnescapeDataString(viaUri) == Uri.UnescapeDataString(Root + "(" + text + ")"), $"{context}: a Uri sends {viaUri}");
            Assert.True(new Uri(Root + "(" + text + ")").AbsoluteUri.Length <= Root.Length + text.Length + 2, $"{context}: longer as a Uri");
        }
    }

    [Fact]
    public void A_key_clause_escapes_its_spaces_and_keeps_its_escaped_literal()
    {
        Assert.Equal(
            "msdyn_groupid%20eq%20%27O%27%27Brien%27%20and%20(_msdyn_company_value%20eq%205b1c2f0e-34a1-4f5e-9e0b-0d6c3a1b2c3d)",
            Escape("msdyn_groupid eq %27O%27%27Brien%27 and (_msdyn_company_value eq 5b1c2f0e-34a1-4f5e-9e0b-0d6c3a1b2c3d)"));
    }

    [Fact]
    public void A_surrogate_pair_is_escaped_as_its_four_utf8_bytes()
    {
        Assert.Equal(Uri.EscapeDataString("\U0001D11E"), Escape("\U0001D11E"));
    }

    private static string Escape(string raw)
    {
        var escaped = new char[QueryText.EscapedLength(raw)];
        return new string(escaped, 0, QueryText.Escape(raw, escaped));
    }

    private static string RandomText(Random random, string alphabet)
    {
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        var characters = new System.Collections.Generic.List<string>();
        while (elements.MoveNext())
        {
            characters.Add(elements.GetTextElement());
        }

        var text = new StringBuilder();
        var length = random.Next(0, 24);
        for (var i = 0; i < length; i++)
        {
            var c = characters[random.Next(characters.Count)];
            text.Append(c);
            if (c == "%" && random.Next(2) == 0)
            {
                text.Append("0123456789ABCDEFabcdef"[random.Next(22)]).Append("0123456789ABCDEF"[random.Next(16)]);
            }
        }

        return text.ToString();
    }
}
