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

    private static readonly string[] ExpectedTransform = { "'default'", "'via'" };

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

    // Each item starts with a static parser for its first token, so that the alternatives that do not
    // apply fail cheaply; parsers that need no earlier value are static too, never rebuilt per item.
    private static readonly Parser<TextRange> CompanyKeyword = ItemKeyword("company");
    private static readonly Parser<Token<CompanyScope>> ScopeAfterCompany = Scope.Expect("'striped' or 'global'", "after 'company'");
    private static readonly Parser<TextRange> KeyKeyword = ItemKeyword("key");
    private static readonly Parser<IReadOnlyList<KeyPair>> Pairs = SeparatedByCommas(Pair("after 'key'"), Pair("after ','"));
    private static readonly Parser<TextRange> FilterKeyword = ItemKeyword("filter");
    private static readonly Parser<Token<Side>> SideAfterFilter = SideWord.Expect("'fo' or 'dataverse'", "after 'filter'");
    private static readonly Parser<RawText> FoFilterText = Backticked.Expect("filter text in backticks (`...`)", "after 'filter fo'");
    private static readonly Parser<RawText> DataverseFilterText = Backticked.Expect("filter text in backticks (`...`)", "after 'filter dataverse'");
    private static readonly Parser<TextRange> AfterKeyword = ItemKeyword("after");
    private static readonly Parser<IReadOnlyList<Identifier>> MapNames = SeparatedByCommas(Name.Expect("a map name", "after 'after'"), Name.Expect("a map name", "after ','"));
    private static readonly Parser<TextRange> ConflictKeyword = ItemKeyword("conflict");
    private static readonly Parser<Token<ConflictPolicy>> PolicyAfterConflict = Policy.Expect("'fo-wins', 'dataverse-wins', 'latest-wins' or 'fail'", "after 'conflict'");
    private static readonly Parser<TextRange> DeletesKeyword = ItemKeyword("deletes");
    private static readonly Parser<Token<DeletePolicy>> PolicyAfterDeletes = Deletion.Expect("'sync' or 'ignore'", "after 'deletes'");
    private static readonly Parser<TextRange> DefaultKeyword = ItemKeyword("default");
    private static readonly Parser<Literal> DefaultValue = Value.Expect("a value (string, number, true, false, null or EnumType::Member)", "after 'default'");
    private static readonly Parser<TextRange> ViaKeyword = ItemKeyword("via");
    private static readonly Parser<DottedName> ViaName = Dotted("a value map or method name", "after 'via'");

    private static readonly Parser<MapItem> Company =
        from keyword in CompanyKeyword
        from scope in ScopeAfterCompany
        select (MapItem)new CompanyItem(scope.Value, TextRange.FromBounds(keyword.Start, scope.Range.End));

    private static readonly Parser<MapItem> Key =
        from keyword in KeyKeyword
        from pairs in Pairs
        select (MapItem)new KeyItem(pairs.ToEquatableArray(), TextRange.FromBounds(keyword.Start, pairs[pairs.Count - 1].Range.End));

    private static readonly Parser<MapItem> Filter =
        from keyword in FilterKeyword
        from side in SideAfterFilter
        from text in side.Value == Side.Fo ? FoFilterText : DataverseFilterText
        select (MapItem)new FilterItem(side.Value, side.Range, text.Text, text.TextRange, TextRange.FromBounds(keyword.Start, text.Range.End));

    private static readonly Parser<MapItem> After =
        from keyword in AfterKeyword
        from maps in MapNames
        select (MapItem)new AfterItem(maps.ToEquatableArray(), TextRange.FromBounds(keyword.Start, maps[maps.Count - 1].Range.End));

    private static readonly Parser<MapItem> Conflict =
        from keyword in ConflictKeyword
        from policy in PolicyAfterConflict
        select (MapItem)new ConflictItem(policy.Value, policy.Range, TextRange.FromBounds(keyword.Start, policy.Range.End));

    private static readonly Parser<MapItem> Deletes =
        from keyword in DeletesKeyword
        from policy in PolicyAfterDeletes
        select (MapItem)new DeletesItem(policy.Value, policy.Range, TextRange.FromBounds(keyword.Start, policy.Range.End));

    private static readonly Parser<TextRange> NoneKeyword = Keyword("none");

    private static readonly Parser<Token<DataversePath?>> FieldTarget = Choice(
        NoneKeyword.Select(range => new Token<DataversePath?>(null, range)),
        DwmapPaths.Path.Select(path => new Token<DataversePath?>(path, path.Range))).NotBeforeArrow("a Dataverse column");

    private static readonly Parser<Token<DataversePath?>>[] FieldTargetAfter =
    {
        FieldTarget.Expect("a Dataverse column, a lookup path or 'none'", "after '<->'"),
        FieldTarget.Expect("a Dataverse column, a lookup path or 'none'", "after '->'"),
        FieldTarget.Expect("a Dataverse column, a lookup path or 'none'", "after '<-'"),
    };

    private static readonly Parser<Transform> NoTransform = i => Mismatch<Transform>(i, ExpectedTransform);

    private static readonly Parser<Transform> Default =
        from keyword in DefaultKeyword
        from value in DefaultValue
        select (Transform)new DefaultTransform(value, TextRange.FromBounds(keyword.Start, value.Range.End));

    private static readonly Parser<Transform> Via =
        from keyword in ViaKeyword
        from name in ViaName
        select (Transform)new ViaTransform(name, TextRange.FromBounds(keyword.Start, name.Range.End));

    private static readonly Parser<IReadOnlyList<Transform>> Transforms = ByLeadingWord(NoTransform, ("default", Default), ("via", Via)).ZeroOrMore();

    // Written out rather than as a query: most lines of a map are fields, and this avoids the closures a
    // query allocates at each step.
    private static readonly Parser<MapItem> Field = i =>
    {
        Identifier? fo = null;
        IResult<TextRange> source = NoneKeyword(i);
        IInput afterSource;
        if (source.WasSuccessful)
        {
            afterSource = source.Remainder;
        }
        else
        {
            var identifier = Ident(i);
            if (!identifier.WasSuccessful)
            {
                return Cast<Identifier, MapItem>(identifier);
            }

            fo = identifier.Value;
            afterSource = identifier.Remainder;
        }

        var foRange = fo?.Range ?? source.Value;
        var arrow = Arrow(afterSource);
        if (!arrow.WasSuccessful)
        {
            return Fail<MapItem>(afterSource, "'<->', '->' or '<-'", fo is null ? "after 'none'" : $"after field '{fo.Text}'");
        }

        var target = FieldTargetAfter[(int)arrow.Value.Value](arrow.Remainder);
        if (!target.WasSuccessful)
        {
            return Cast<Token<DataversePath?>, MapItem>(target);
        }

        var transforms = Transforms(target.Remainder);
        if (!transforms.WasSuccessful)
        {
            return Cast<IReadOnlyList<Transform>, MapItem>(transforms);
        }

        var list = transforms.Value;
        var end = list.Count == 0 ? target.Value.Range.End : list[list.Count - 1].Range.End;
        var item = new FieldItem(
            fo,
            foRange,
            arrow.Value.Value,
            arrow.Value.Range,
            target.Value.Value,
            target.Value.Range,
            list.ToEquatableArray(),
            TextRange.FromBounds(foRange.Start, end));
        return Result.Success<MapItem>(item, transforms.Remainder);
    };

    /// <summary>Any map item; fails without consuming only where no item can start.</summary>
    public static readonly Parser<MapItem> Item = ByLeadingWord(
        Field,
        ("company", Company),
        ("key", Key),
        ("filter", Filter),
        ("after", After),
        ("conflict", Conflict),
        ("deletes", Deletes));

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

        if (DwmapLexer.IsWordAt(text, position, "none"))
        {
            return true;
        }

        foreach (var keyword in ItemKeywords)
        {
            if (DwmapLexer.IsWordAt(text, position, keyword))
            {
                return true;
            }
        }

        return DwmapLexer.IsDirectionAt(text, DwmapLexer.SkipTrivia(text, end));
    }

    private static Parser<KeyPair> Pair(string context) =>
        from fo in Ident.Expect("an F&O key field", context)
        from arrow in BothWays.Expect("'<->'", () => $"after key field '{fo.Text}'")
        from dataverse in Ident.Expect("a Dataverse key column", () => $"after '{fo.Text} <->'")
        select new KeyPair(fo, dataverse, TextRange.FromBounds(fo.Range.Start, dataverse.Range.End));

    /// <summary>
    /// What may follow <paramref name="item"/>. The grammar lets items share a line, but text after an item
    /// that cannot start the next one is almost always a mistyped continuation (<c>defualt 0</c>): it is
    /// reported there, as such, rather than as a field <c>defualt</c> missing its direction, and the item
    /// itself, which is well formed, is kept.
    /// </summary>
    public static Parser<bool> Trailing(MapItem item) => i =>
    {
        var text = i.Source;
        var next = DwmapLexer.SkipTrivia(text, i.Position);
        var ends = next >= text.Length
            || text[next] == '}'
            || DwmapLexer.HasLineBreak(text, i.Position, next)
            || DwmapLexer.IsUnterminatedComment(text, next)
            || CanStartItem(text, next);
        if (ends)
        {
            return Result.Success(true, i);
        }

        return item switch
        {
            KeyItem key => Fail<bool>(i, "',' or a new line", $"after key pair '{key.Pairs[key.Pairs.Count - 1].Fo.Text} <-> {key.Pairs[key.Pairs.Count - 1].Dataverse.Text}'"),
            AfterItem after => Fail<bool>(i, "',' or a new line", $"after map name '{after.Maps[after.Maps.Count - 1].Text}'"),
            FieldItem field => Fail<bool>(i, "'default', 'via' or a new line", $"after field '{field.Fo?.Text ?? field.Dataverse?.Text ?? "none"}'"),
            CompanyItem company => Fail<bool>(i, "a new line", "after 'company " + (company.Scope == CompanyScope.Striped ? "striped" : "global") + "'"),
            FilterItem filter => Fail<bool>(i, "a new line", $"after the {Display(filter.Side)} filter"),
            ConflictItem => Fail<bool>(i, "a new line", "after the conflict policy"),
            _ => Fail<bool>(i, "a new line", "after the deletes policy"),
        };
    };
}

/// <summary>
/// Dataverse paths: a column, a path through lookups (<c>a.b.c</c>), or a polymorphic lookup with its
/// target tables (<c>customerid.Account(accountnumber).Contact(msdyn_contactpersonid)</c>).
/// </summary>
internal static class DwmapPaths
{
    private static readonly Parser<Identifier> StepName = Name.Expect("a column name", "after '.'");

    private static readonly Parser<PathStep> Step = i =>
    {
        var dot = Dot(i);
        if (!dot.WasSuccessful)
        {
            return Cast<TextRange, PathStep>(dot);
        }

        var name = StepName(dot.Remainder);
        if (!name.WasSuccessful)
        {
            return Cast<Identifier, PathStep>(name);
        }

        var open = OpenParen(name.Remainder);
        if (!open.WasSuccessful)
        {
            return Result.Success(new PathStep(name.Value, null), name.Remainder);
        }

        var column = Ident(open.Remainder);
        if (!column.WasSuccessful)
        {
            return Fail<PathStep>(open.Remainder, "a key column", $"after '{name.Value.Text}('");
        }

        var close = CloseParen(column.Remainder);
        if (!close.WasSuccessful)
        {
            return Fail<PathStep>(column.Remainder, "')'", $"after '{name.Value.Text}({column.Value.Text}'");
        }

        return Result.Success(new PathStep(name.Value, new KeyColumn(open.Value, column.Value, close.Value)), close.Remainder);
    };

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

            var segments = tail.Count == 0 ? EquatableArray.Create(head) : new[] { head }.Concat(tail.Select(s => s.Name)).ToEquatableArray();
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

    private sealed record KeyColumn(TextRange OpenParen, Identifier Column, TextRange CloseParen);

    private sealed record PathStep(Identifier Name, KeyColumn? Key)
    {
        public int End => Key?.CloseParen.End ?? Name.Range.End;
    }
}
