using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using Sprache;
using static DualWrite.Generator.Syntax.DwmapCombinators;
using static DualWrite.Generator.Syntax.DwmapTokens;

namespace DualWrite.Generator.Syntax;

/// <summary>The items of a map body (DSL.md §3 <c>item</c>), fields with their Dataverse paths and transforms.</summary>
internal static class DwmapItems
{
    private static readonly string[] ItemKeywords = { "company", "key", "filter", "after", "conflict", "deletes" };

    private static readonly Parser<Token<CompanyScope>> Scope = KeywordValue(
        "'striped' or 'global'",
        ("striped", CompanyScope.Striped),
        ("global", CompanyScope.Global));

    private static readonly Parser<Token<ConflictPolicy>> Policy = KeywordValue(
        "'fo-wins', 'dataverse-wins', 'latest-wins' or 'fail'",
        ("fo-wins", ConflictPolicy.FoWins),
        ("dataverse-wins", ConflictPolicy.DataverseWins),
        ("latest-wins", ConflictPolicy.LatestWins),
        ("fail", ConflictPolicy.Fail));

    private static readonly Parser<Token<DeletePolicy>> Deletion = KeywordValue(
        "'sync' or 'ignore'",
        ("sync", DeletePolicy.Sync),
        ("ignore", DeletePolicy.Ignore));

    private static readonly Parser<MapItem> Company =
        from start in Start
        from keyword in ItemKeyword("company")
        from scope in Scope.Expect("'striped' or 'global'", "after 'company'")
        from end in End
        select (MapItem)new CompanyItem(scope.Value, TextRange.FromBounds(start, end));

    private static readonly Parser<MapItem> Key =
        from start in Start
        from keyword in ItemKeyword("key")
        from pairs in SeparatedByCommas(Pair("after 'key'"), Pair("after ','"))
        from end in End
        select (MapItem)new KeyItem(pairs.ToEquatableArray(), TextRange.FromBounds(start, end));

    private static readonly Parser<MapItem> Filter =
        from start in Start
        from keyword in ItemKeyword("filter")
        from side in SideWord.Expect("'fo' or 'dataverse'", "after 'filter'")
        from text in Backticked.Expect("filter text in backticks (`...`)", $"after 'filter {Display(side.Value)}'")
        from end in End
        select (MapItem)new FilterItem(side.Value, side.Range, text.Text, text.TextRange, TextRange.FromBounds(start, end));

    private static readonly Parser<MapItem> After =
        from start in Start
        from keyword in ItemKeyword("after")
        from maps in SeparatedByCommas(Name.Expect("a map name", "after 'after'"), Name.Expect("a map name", "after ','"))
        from end in End
        select (MapItem)new AfterItem(maps.ToEquatableArray(), TextRange.FromBounds(start, end));

    private static readonly Parser<MapItem> Conflict =
        from start in Start
        from keyword in ItemKeyword("conflict")
        from policy in Policy.Expect("'fo-wins', 'dataverse-wins', 'latest-wins' or 'fail'", "after 'conflict'")
        from end in End
        select (MapItem)new ConflictItem(policy.Value, policy.Range, TextRange.FromBounds(start, end));

    private static readonly Parser<MapItem> Deletes =
        from start in Start
        from keyword in ItemKeyword("deletes")
        from policy in Deletion.Expect("'sync' or 'ignore'", "after 'deletes'")
        from end in End
        select (MapItem)new DeletesItem(policy.Value, policy.Range, TextRange.FromBounds(start, end));

    private static readonly Parser<Token<Identifier?>> FieldSource = Choice(
        Keyword("none").Select(range => new Token<Identifier?>(null, range)),
        Ident.Select(identifier => new Token<Identifier?>(identifier, identifier.Range)));

    private static readonly Parser<Token<DataversePath?>> FieldTarget = Choice(
        Keyword("none").Select(range => new Token<DataversePath?>(null, range)),
        DwmapPaths.Path.Select(path => new Token<DataversePath?>(path, path.Range))).NotBeforeArrow("a Dataverse column");

    private static readonly Parser<Transform> Default =
        from start in Start
        from keyword in ItemKeyword("default")
        from value in Value.Expect("a value (string, number, true, false, null or EnumType::Member)", "after 'default'")
        select (Transform)new DefaultTransform(value, TextRange.FromBounds(start, value.Range.End));

    private static readonly Parser<Transform> Via =
        from start in Start
        from keyword in ItemKeyword("via")
        from name in Dotted("a value map or method name", "after 'via'")
        select (Transform)new ViaTransform(name, TextRange.FromBounds(start, name.Range.End));

    private static readonly Parser<Transform> AnyTransform = Choice(Default, Via);

    private static readonly Parser<MapItem> Field =
        from start in Start
        from source in FieldSource
        from arrow in Arrow.Expect("'<->', '->' or '<-'", source.Value is null ? "after 'none'" : $"after field '{source.Value.Text}'")
        from target in FieldTarget.Expect("a Dataverse column, a lookup path or 'none'", $"after '{DwmapLexer.DirectionText(arrow.Value)}'")
        from transforms in AnyTransform.ZeroOrMore()
        from end in End
        select (MapItem)new FieldItem(
            source.Value,
            source.Range,
            arrow.Value,
            arrow.Range,
            target.Value,
            target.Range,
            transforms.ToEquatableArray(),
            TextRange.FromBounds(start, end));

    /// <summary>Any map item; fails without consuming only where no item can start.</summary>
    public static readonly Parser<MapItem> Item = Choice(Company, Key, Filter, After, Conflict, Deletes, Field);

    /// <summary>Error recovery resumes at a line that starts with a word: every item starts with one.</summary>
    public static bool CanStartItemLine(string text, int position) => DwmapLexer.IsIdentifierStart(text[position]);

    /// <summary>
    /// Whether an item can start at <paramref name="position"/>: <c>none</c>, an item keyword, or a name
    /// followed by a direction.
    /// </summary>
    public static bool CanStartItem(string text, int position)
    {
        var end = DwmapLexer.ScanIdentifier(text, position);
        if (end == position)
        {
            return false;
        }

        if (DwmapLexer.IsWordAt(text, position, "none") || ItemKeywords.Any(k => DwmapLexer.IsWordAt(text, position, k)))
        {
            return true;
        }

        return DwmapLexer.IsDirectionAt(text, DwmapLexer.SkipTrivia(text, end));
    }

    private static Parser<KeyPair> Pair(string context) =>
        from fo in Ident.Expect("an F&O key field", context)
        from arrow in BothWays.Expect("'<->'", $"after key field '{fo.Text}'")
        from dataverse in Ident.Expect("a Dataverse key column", $"after '{fo.Text} <->'")
        select new KeyPair(fo, dataverse, TextRange.FromBounds(fo.Range.Start, dataverse.Range.End));

    /// <summary>
    /// What may follow <paramref name="item"/>. The grammar lets items share a line, but text after an item
    /// that cannot start the next one is almost always a mistyped continuation (<c>defualt 0</c>): it is
    /// reported there, as such, rather than as a field <c>defualt</c> missing its direction, and the item
    /// itself, which is well formed, is kept.
    /// </summary>
    public static Parser<bool> Trailing(MapItem item) => item switch
    {
        CompanyItem company => ItemEnd("a new line", "after 'company " + (company.Scope == CompanyScope.Striped ? "striped" : "global") + "'"),
        KeyItem key => ItemEnd("',' or a new line", $"after key pair '{key.Pairs[key.Pairs.Count - 1].Fo.Text} <-> {key.Pairs[key.Pairs.Count - 1].Dataverse.Text}'"),
        FilterItem filter => ItemEnd("a new line", $"after the {Display(filter.Side)} filter"),
        AfterItem after => ItemEnd("',' or a new line", $"after map name '{after.Maps[after.Maps.Count - 1].Text}'"),
        ConflictItem => ItemEnd("a new line", "after the conflict policy"),
        DeletesItem => ItemEnd("a new line", "after the deletes policy"),
        FieldItem field => ItemEnd("'default', 'via' or a new line", $"after field '{field.Fo?.Text ?? field.Dataverse?.Text ?? "none"}'"),
        _ => ItemEnd("a new line", string.Empty),
    };

    private static Parser<bool> ItemEnd(string expected, string context) => i =>
    {
        var text = i.Source;
        var next = DwmapLexer.SkipTrivia(text, i.Position);
        var ends = next >= text.Length
            || text[next] == '}'
            || DwmapLexer.HasLineBreak(text, i.Position, next)
            || DwmapLexer.IsUnterminatedComment(text, next)
            || CanStartItem(text, next);
        return ends ? Result.Success(true, i) : Fail<bool>(i, expected, context);
    };
}

/// <summary>
/// Dataverse paths: a column, a path through lookups (<c>a.b.c</c>), or a polymorphic lookup with its
/// target tables (<c>customerid.Account(accountnumber).Contact(msdyn_contactpersonid)</c>).
/// </summary>
internal static class DwmapPaths
{
    private static readonly Parser<PathStep> Step =
        from dot in Dot
        from name in Name.Expect("a column name", "after '.'")
        from key in KeyColumnOf(name).Optional()
        select new PathStep(name, key);

    private static readonly Parser<IReadOnlyList<PathStep>> Steps = Step.ZeroOrMore();

    public static readonly Parser<DataversePath> Path = i =>
    {
        var first = Ident(i);
        if (!first.WasSuccessful)
        {
            return Cast<Identifier, DataversePath>(first);
        }

        var steps = Steps(first.Remainder);
        if (!steps.WasSuccessful)
        {
            return Cast<IReadOnlyList<PathStep>, DataversePath>(steps);
        }

        var head = first.Value;
        var tail = steps.Value;
        var end = tail.Count == 0 ? head.Range.End : tail[tail.Count - 1].End;
        var range = TextRange.FromBounds(head.Range.Start, end);
        if (tail.Count == 0 || tail[0].Key is null)
        {
            for (var k = 1; k < tail.Count; k++)
            {
                if (tail[k].Key is { } misplaced)
                {
                    var path = head.Text + string.Concat(tail.Take(k + 1).Select(s => "." + s.Name.Text));
                    return FailWith<DataversePath>(
                        At(i, misplaced.OpenParen.Start),
                        "Polymorphic targets must follow the lookup column directly (as in 'customerid.Account(accountnumber)'), found {found} after '" + path + "'");
                }
            }

            var segments = new[] { head }.Concat(tail.Select(s => s.Name)).ToEquatableArray();
            return Result.Success(new DataversePath(segments, EquatableArray<PolymorphicTarget>.Empty, range), steps.Remainder);
        }

        var targets = new List<PolymorphicTarget>();
        foreach (var step in tail)
        {
            if (step.Key is null)
            {
                return Fail<DataversePath>(At(i, step.Name.Range.End), "'('", $"after polymorphic target '{step.Name.Text}'");
            }

            targets.Add(new PolymorphicTarget(step.Name, step.Key.Column, TextRange.FromBounds(step.Name.Range.Start, step.End)));
        }

        return Result.Success(new DataversePath(EquatableArray.Create(head), targets.ToEquatableArray(), range), steps.Remainder);
    };

    private static Parser<KeyColumn> KeyColumnOf(Identifier table) =>
        from open in OpenParen
        from column in Ident.Expect("a key column", $"after '{table.Text}('")
        from close in CloseParen.Expect("')'", $"after '{table.Text}({column.Text}'")
        select new KeyColumn(open, column, close);

    private sealed record KeyColumn(TextRange OpenParen, Identifier Column, TextRange CloseParen);

    private sealed record PathStep(Identifier Name, KeyColumn? Key)
    {
        public int End => Key?.CloseParen.End ?? Name.Range.End;
    }
}
