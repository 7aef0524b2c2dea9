using System.Collections.Generic;
using DualWrite.Generator.Common;
using Sprache;
using static DualWrite.Generator.Syntax.DwmapCombinators;
using static DualWrite.Generator.Syntax.DwmapTokens;

namespace DualWrite.Generator.Syntax;

/// <summary>A declaration with the errors recovered from inside its body.</summary>
internal sealed record ParsedDeclaration(Declaration Declaration, IReadOnlyList<ParseError> Errors);

/// <summary>Top-level declarations (DSL.md §3 <c>file</c>, <c>decl</c>, <c>valuemap</c>, <c>numbers</c>).</summary>
internal static class DwmapDeclarations
{
    private static readonly Parser<TextRange> FoKeyword = Keyword("fo");
    private static readonly Parser<TextRange> DataverseKeyword = Keyword("dataverse");
    private static readonly Parser<TextRange> ForKeyword = Keyword("for");
    private static readonly Parser<Token<Side>> SideAfterSchema = SideWord.Expect("'fo' or 'dataverse'", "after 'schema'");
    private static readonly Parser<Identifier> MapName = Ident.Expect("a map name", "after 'map'");
    private static readonly Parser<Identifier> ValueMapName = Ident.Expect("a value map name", "after 'valuemap'");
    private static readonly Parser<Identifier> NumbersName = Ident.Expect("a numbers name", "after 'numbers'");
    private static readonly Parser<Identifier> MapAfterFor = Ident.Expect("a map name", "after 'for'");

    private static readonly Parser<DottedName> NamespaceName = Dotted("a namespace name", "after 'namespace'");

    public static readonly Parser<DottedName> Namespace =
        from keyword in Keyword("namespace")
        from name in NamespaceName
        select name;

    private static readonly Parser<ParsedDeclaration> Schema =
        from keyword in Keyword("schema")
        from side in SideAfterSchema
        from path in QuotedString.Expect("a quoted file path", () => $"after 'schema {Display(side.Value)}'")
        select new ParsedDeclaration(
            new SchemaDeclaration(side.Value, side.Range, path, TextRange.FromBounds(keyword.Start, path.Range.End)),
            System.Array.Empty<ParseError>());

    private static readonly Parser<ParsedDeclaration> Map =
        from keyword in Keyword("map")
        from name in MapName
        from colon in Colon.Expect("':'", () => $"after map name '{name.Text}'")
        from fo in FoKeyword.Expect("'fo'", () => $"after ':' in map '{name.Text}'")
        from foSet in Ident.Expect("an F&O entity set name", () => $"after 'fo' in map '{name.Text}'")
        from arrow in Arrow.Expect("'<->', '->' or '<-'", () => $"after 'fo {foSet.Text}' in map '{name.Text}'")
        from dataverse in DataverseKeyword.Expect("'dataverse'", () => $"after '{DwmapLexer.DirectionText(arrow.Value)}' in map '{name.Text}'")
        from dataverseSet in Ident.Expect("a Dataverse entity set name", () => $"after 'dataverse' in map '{name.Text}'")
        from open in OpenBrace.Expect("'{'", () => $"after 'dataverse {dataverseSet.Text}' in map '{name.Text}'")
        from body in DwmapRecovery.RecoveringBody(
            DwmapItems.Item.Expect("a map item or '}'", $"in map '{name.Text}'"),
            DwmapItems.CanStartItemLine,
            $"map '{name.Text}'",
            trailing: DwmapItems.Trailing)
        select new ParsedDeclaration(
            new MapDeclaration(name, foSet, arrow.Value, arrow.Range, dataverseSet, body.Items.ToEquatableArray(), TextRange.FromBounds(keyword.Start, body.End)),
            body.Errors);

    private static readonly Parser<Token<Literal?>> EntrySide = Choice(
        Value.Select(literal => new Token<Literal?>(literal, literal.Range)),
        Keyword("else").Select(range => new Token<Literal?>(null, range)));

    private static readonly Parser<Token<Literal?>>[] EntrySideAfter =
    {
        EntrySide.NotBeforeArrow("a value").Expect("a value or 'else'", "after '<->'"),
        EntrySide.NotBeforeArrow("a value").Expect("a value or 'else'", "after '->'"),
        EntrySide.NotBeforeArrow("a value").Expect("a value or 'else'", "after '<-'"),
    };

    private static readonly Parser<ValueMapEntry> Entry =
        from fo in EntrySide
        from arrow in Arrow.Expect("'<->', '->' or '<-'", () => $"after '{(fo.Value is null ? "else" : Display(fo.Value))}'")
        from dataverse in EntrySideAfter[(int)arrow.Value]
        select new ValueMapEntry(fo.Value, fo.Range, arrow.Value, arrow.Range, dataverse.Value, dataverse.Range, TextRange.FromBounds(fo.Range.Start, dataverse.Range.End));

    private static readonly Parser<ParsedDeclaration> ValueMap =
        from keyword in Keyword("valuemap")
        from name in ValueMapName
        from open in OpenBrace.Expect("'{'", () => $"after value map name '{name.Text}'")
        from body in DwmapRecovery.RecoveringBody(
            Entry.Expect("a value, 'else' or '}'", $"in value map '{name.Text}'"),
            CanStartEntryLine,
            $"value map '{name.Text}'")
        select new ParsedDeclaration(
            new ValueMapDeclaration(name, body.Items.ToEquatableArray(), TextRange.FromBounds(keyword.Start, body.End)),
            body.Errors);

    private static readonly Parser<(Literal? From, Literal? To, Literal? Prefix)> Prefix =
        from keyword in Keyword("prefix")
        from prefix in QuotedString.Expect("a quoted prefix", "after 'prefix'")
        select ((Literal?)null, (Literal?)null, (Literal?)prefix);

    private static readonly Parser<Literal> RangeEnd = QuotedString.Expect("a quoted range end", "after '..'");

    private static readonly Parser<(Literal? From, Literal? To, Literal? Prefix)> Interval =
        from low in QuotedString
        from dots in DotDot.Expect("'..'", () => $"after {Display(low)}")
        from high in RangeEnd
        select ((Literal?)low, (Literal?)high, (Literal?)null);

    private static readonly Parser<(Literal? From, Literal? To, Literal? Prefix)> PrefixOrInterval = Choice(Prefix, Interval);

    private static readonly Parser<(Literal? From, Literal? To, Literal? Prefix)>[] RangeAfter =
    {
        PrefixOrInterval.Expect("a quoted range (\"A\"..\"B\") or 'prefix'", "after 'fo'"),
        PrefixOrInterval.Expect("a quoted range (\"A\"..\"B\") or 'prefix'", "after 'dataverse'"),
    };

    private static readonly Parser<NumberRange> Range =
        from side in SideWord
        from range in RangeAfter[(int)side.Value]
        select new NumberRange(side.Value, side.Range, range.From, range.To, range.Prefix, TextRange.FromBounds(side.Range.Start, (range.To ?? range.Prefix)!.Range.End));

    private static readonly Parser<ParsedDeclaration> Numbers =
        from keyword in Keyword("numbers")
        from name in NumbersName
        from forKeyword in ForKeyword.Expect("'for'", () => $"after numbers name '{name.Text}'")
        from map in MapAfterFor
        from dot in Dot.Expect("'.' and the key field (Map.Field)", () => $"after map name '{map.Text}'")
        from field in Ident.Expect("a field name", () => $"after '{map.Text}.'")
        from open in OpenBrace.Expect("'{'", () => $"after '{map.Text}.{field.Text}'")
        from body in DwmapRecovery.RecoveringBody(
            Range.Expect("'fo', 'dataverse' or '}'", $"in numbers '{name.Text}'"),
            CanStartRangeLine,
            $"numbers '{name.Text}'",
            requiredItem: "a range for 'fo' or 'dataverse'")
        select new ParsedDeclaration(
            new NumbersDeclaration(name, map, field, body.Items.ToEquatableArray(), TextRange.FromBounds(keyword.Start, body.End)),
            body.Errors);

    /// <summary>Any declaration; fails without consuming where none starts.</summary>
    public static readonly Parser<ParsedDeclaration> Declaration =
        Choice(Schema, Map, ValueMap, Numbers).Expect("'map', 'valuemap', 'numbers' or 'schema'");

    private static bool CanStartEntryLine(string text, int position)
    {
        var c = text[position];
        return DwmapLexer.IsIdentifierStart(c) || DwmapLexer.IsDigit(c) || c == '"' || c == '-';
    }

    private static bool CanStartRangeLine(string text, int position) => DwmapLexer.IsIdentifierStart(text[position]);
}
