using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using Sprache;

namespace DualWrite.Generator.Syntax;

/// <summary>
/// A syntax error before it becomes a DW0001. <see cref="SwallowsRest"/> marks an unterminated block
/// comment: everything after it is comment, so nothing after it may be reported.
/// </summary>
internal sealed record ParseError(string Message, TextRange Range, bool SwallowsRest);

/// <summary>The items of a braced body, the errors recovered from inside it, and where it ends.</summary>
internal sealed record Body<T>(IReadOnlyList<T> Items, IReadOnlyList<ParseError> Errors, int End);

/// <summary>Turns Sprache failures into messages that say what was expected and what was found.</summary>
internal static class ParseErrors
{
    /// <summary>
    /// The error for a failure. Inside a construct (after its first token), when what is missing would have
    /// been the last thing on its line, the error is reported at the end of that line ("found end of line")
    /// rather than at the first token of the next line, which is usually the next, well-formed, item.
    /// </summary>
    public static ParseError FromFailure<T>(IResult<T> failure, bool insideConstruct)
    {
        var text = failure.Remainder.Source;
        var end = failure.Remainder.Position;
        var position = DwmapLexer.SkipTrivia(text, end);
        var message = failure.Message ?? string.Empty;
        var expectations = failure.Expectations ?? Enumerable.Empty<string>();
        if (insideConstruct && position < text.Length && DwmapLexer.HasLineBreak(text, end, position))
        {
            return new ParseError(Format(message, expectations, "end of line"), new TextRange(end, 0), SwallowsRest: false);
        }

        return Compose(text, position, message, expectations);
    }

    public static ParseError Expected(string text, int position, string expected, string context) =>
        Compose(text, position, context, new[] { expected });

    private static ParseError Compose(string text, int position, string message, IEnumerable<string> expectations)
    {
        var found = DwmapLexer.DescribeToken(text, position);
        if (found.LexicalError is not null)
        {
            // A malformed token is the real problem wherever the grammar tripped over it.
            return new ParseError(found.LexicalError, found.Range, DwmapLexer.IsUnterminatedComment(text, position));
        }

        return new ParseError(Format(message, expectations, found.Display), found.Range, SwallowsRest: false);
    }

    private static string Format(string message, IEnumerable<string> expectations, string found)
    {
        var expected = expectations.Where(e => e.Length > 0).Distinct().ToList();
        return expected.Count == 0
            ? message.Replace("{found}", found)
            : "Expected " + JoinOr(expected) + (message.Length == 0 ? string.Empty : " " + message) + ", found " + found;
    }

    private static string JoinOr(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[items.Count - 1],
    };
}

/// <summary>
/// Error recovery. After an error the parser skips to a point where parsing can sensibly resume, so that
/// independent mistakes are each reported once and one mistake does not produce a cascade:
/// <list type="bullet">
/// <item>in a body (map, value map, numbers), to the next token that is first on its line and can start an
/// item, or to a <c>}</c> anywhere, or to the next declaration;</item>
/// <item>at the top level, to the next declaration keyword first on its line and followed by a name.</item>
/// </list>
/// Skipping goes token by token, so keywords inside strings, filter texts and comments are never taken for
/// a resumption point.
/// </summary>
internal static class DwmapRecovery
{
    /// <summary>Where to resume after an error at <paramref name="errorPosition"/> in the declaration starting at <paramref name="declarationStart"/>.</summary>
    public static int ResyncDeclaration(string text, int errorPosition, int declarationStart) =>
        Resync(text, errorPosition, declarationStart, static (t, p) => DwmapLexer.IsDeclarationStart(t, p));

    /// <summary>Where to resume after an error at <paramref name="errorPosition"/> in the body item starting at <paramref name="itemStart"/>.</summary>
    public static int ResyncItem(string text, int errorPosition, int itemStart, Func<string, int, bool> canStartItem) =>
        Resync(
            text,
            errorPosition,
            itemStart,
            (t, p) => t[p] == '}' || (DwmapLexer.IsFirstOnLine(t, p) && (canStartItem(t, p) || DwmapLexer.IsDeclarationStart(t, p))));

    /// <summary>
    /// A braced body that never fails: each item that fails is reported and skipped; a missing <c>}</c> is
    /// reported where it was expected (at the next declaration or the end of the file). <paramref name="owner"/>
    /// names the declaration in messages ("map 'Customers'"); <paramref name="requiredItem"/>, if given, is
    /// reported when the body is empty; <paramref name="trailing"/>, if given, checks what follows an item,
    /// and its failure is reported without discarding the item.
    /// </summary>
    public static Parser<Body<T>> RecoveringBody<T>(
        Parser<T> item,
        Func<string, int, bool> canStartItem,
        string owner,
        string? requiredItem = null,
        Func<T, Parser<bool>>? trailing = null) => i =>
    {
        var text = i.Source;
        var items = new List<T>();
        var errors = new List<ParseError>();
        var current = i;
        var lastEnd = i.Position;
        var swallowed = false;
        while (true)
        {
            var start = DwmapLexer.SkipTrivia(text, current.Position);
            if (start >= text.Length || text[start] == '}' || DwmapLexer.IsDeclarationStart(text, start))
            {
                break;
            }

            var result = item(current);
            if (result.WasSuccessful && result.Remainder.Position > current.Position)
            {
                items.Add(result.Value);
                current = result.Remainder;
                lastEnd = current.Position;
                var after = trailing?.Invoke(result.Value)(current);
                if (after is { WasSuccessful: false })
                {
                    var junk = ParseErrors.FromFailure(after, insideConstruct: false);
                    errors.Add(junk);
                    current = DwmapCombinators.At(i, ResyncItem(text, DwmapLexer.SkipTrivia(text, current.Position), start, canStartItem));
                }

                continue;
            }

            var error = result.WasSuccessful
                ? ParseErrors.Expected(text, start, "an item", "in " + owner)
                : ParseErrors.FromFailure(result, DwmapCombinators.Consumed(result, current));
            errors.Add(error);
            lastEnd = Math.Max(lastEnd, error.Range.End);
            if (error.SwallowsRest)
            {
                swallowed = true;
                current = DwmapCombinators.At(i, text.Length);
                break;
            }

            var errorPosition = result.WasSuccessful ? start : Math.Max(start, DwmapLexer.SkipTrivia(text, result.Remainder.Position));
            current = DwmapCombinators.At(i, ResyncItem(text, errorPosition, start, canStartItem));
        }

        var close = DwmapLexer.SkipTrivia(text, current.Position);
        if (close < text.Length && text[close] == '}')
        {
            if (requiredItem is not null && items.Count == 0 && errors.Count == 0)
            {
                errors.Add(ParseErrors.Expected(text, close, requiredItem, "in " + owner));
            }

            return Result.Success(new Body<T>(items, errors, close + 1), DwmapCombinators.At(i, close + 1));
        }

        if (!swallowed)
        {
            errors.Add(ParseErrors.Expected(text, close, "'}'", "to close " + owner));
        }

        return Result.Success(new Body<T>(items, errors, lastEnd), current);
    };

    private static int Resync(string text, int errorPosition, int start, Func<string, int, bool> canResume)
    {
        var position = errorPosition;
        while (position < text.Length)
        {
            // An unterminated comment swallows the rest of the file: stop in front of it so it is reported.
            if (position > start && (DwmapLexer.IsUnterminatedComment(text, position) || canResume(text, position)))
            {
                return position;
            }

            position = DwmapLexer.SkipTrivia(text, DwmapLexer.TokenEnd(text, position));
        }

        return text.Length;
    }
}
