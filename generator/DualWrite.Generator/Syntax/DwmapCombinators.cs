using System;
using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace DualWrite.Generator.Syntax;

/// <summary>
/// The few combinators the grammar needs beyond Sprache's <c>Then</c>/<c>Select</c>/LINQ, with one explicit
/// rule about committing: a parser that fails without consuming input returns a failure whose remainder is
/// at its input's position (before any whitespace it skipped); one that fails at a later position has
/// committed to its alternative, and the failure is reported rather than another alternative tried.
/// </summary>
/// <remarks>
/// A failure carries either expectations (then <see cref="IResult{T}.Message"/> is the context, e.g.
/// "after field 'X'") or none (then the message is complete and may contain <c>{found}</c>).
/// <see cref="ParseErrors.FromFailure"/> turns it into the text of a DW0001.
/// </remarks>
internal static class DwmapCombinators
{
    public static IResult<T> Fail<T>(IInput at, string expected, string context) =>
        Result.Failure<T>(at, context, new[] { expected });

    /// <summary>A failure with no context, for token parsers; <paramref name="expected"/> is shared, not copied.</summary>
    public static IResult<T> Mismatch<T>(IInput at, string[] expected) =>
        Result.Failure<T>(at, string.Empty, expected);

    public static IResult<T> FailWith<T>(IInput at, string messageTemplate) =>
        Result.Failure<T>(at, messageTemplate, Array.Empty<string>());

    public static IResult<TTo> Cast<TFrom, TTo>(IResult<TFrom> failure) =>
        Result.Failure<TTo>(failure.Remainder, failure.Message, failure.Expectations);

    public static bool Consumed<T>(IResult<T> failure, IInput input) => failure.Remainder.Position != input.Position;

    public static SourceInput At(IInput input, int position) =>
        input is SourceInput source ? source.At(position) : new SourceInput(input.Source, position);

    /// <summary>Replaces a failure that consumed nothing by "expected <paramref name="expected"/> <paramref name="context"/>".</summary>
    public static Parser<T> Expect<T>(this Parser<T> parser, string expected, string context = "") => i =>
    {
        var result = parser(i);
        return result.WasSuccessful || Consumed(result, i) ? result : Fail<T>(i, expected, context);
    };

    /// <summary>
    /// Fails without consuming when a direction follows: the grammar lets an item run on to the next line,
    /// so without this a missing name would take the first word of the next line (<c>via</c>, then
    /// <c>Name &lt;-&gt; name</c>) and the error would surface one token later, as a confusing one.
    /// </summary>
    public static Parser<T> NotBeforeArrow<T>(this Parser<T> parser, string expected)
    {
        var expectations = new[] { expected };
        return i =>
        {
            var result = parser(i);
            return result.WasSuccessful && DwmapLexer.IsDirectionAt(i.Source, DwmapLexer.SkipTrivia(i.Source, result.Remainder.Position))
                ? Mismatch<T>(i, expectations)
                : result;
        };
    }

    /// <summary>As <see cref="Expect{T}(Parser{T}, string, string)"/>, with a context that depends on earlier tokens and is built only on failure.</summary>
    public static Parser<T> Expect<T>(this Parser<T> parser, string expected, Func<string> context) => i =>
    {
        var result = parser(i);
        return result.WasSuccessful || Consumed(result, i) ? result : Fail<T>(i, expected, context());
    };

    /// <summary>The first alternative that succeeds or commits; the alternatives must start with distinct tokens.</summary>
    public static Parser<T> Choice<T>(params Parser<T>[] alternatives) => i =>
    {
        List<string>? expectations = null;
        foreach (var alternative in alternatives)
        {
            var result = alternative(i);
            if (result.WasSuccessful || Consumed(result, i))
            {
                return result;
            }

            (expectations ??= new List<string>()).AddRange(result.Expectations);
        }

        return Result.Failure<T>(i, string.Empty, expectations?.Distinct().ToArray() ?? Array.Empty<string>());
    };

    /// <summary>
    /// The parser registered for the word the input starts with, or <paramref name="fallback"/> when there is
    /// none or it fails without consuming (a keyword used as a name). Equivalent to a <see cref="Choice{T}"/>
    /// of the keyword parsers and the fallback, without trying every keyword on every item.
    /// </summary>
    public static Parser<T> ByLeadingWord<T>(Parser<T> fallback, params (string Word, Parser<T> Parser)[] choices) => i =>
    {
        var text = i.Source;
        var start = DwmapLexer.SkipTrivia(text, i.Position);
        foreach (var (word, parser) in choices)
        {
            if (DwmapLexer.IsWordAt(text, start, word))
            {
                var result = parser(i);
                if (result.WasSuccessful || Consumed(result, i))
                {
                    return result;
                }

                break;
            }
        }

        return fallback(i);
    };

    /// <summary>Zero or more; stops at a failure that consumed nothing and reports one that committed.</summary>
    public static Parser<IReadOnlyList<T>> ZeroOrMore<T>(this Parser<T> parser) => i =>
    {
        List<T>? items = null;
        var current = i;
        while (true)
        {
            var result = parser(current);
            if (!result.WasSuccessful && Consumed(result, current))
            {
                return Cast<T, IReadOnlyList<T>>(result);
            }

            if (!result.WasSuccessful || result.Remainder.Position == current.Position)
            {
                return Result.Success<IReadOnlyList<T>>((IReadOnlyList<T>?)items ?? Array.Empty<T>(), current);
            }

            (items ??= new List<T>()).Add(result.Value);
            current = result.Remainder;
        }
    };

    /// <summary><paramref name="item"/> (<c>,</c> <paramref name="item"/>)*, where the item after a comma is required.</summary>
    public static Parser<IReadOnlyList<T>> SeparatedByCommas<T>(Parser<T> first, Parser<T> afterComma) => i =>
    {
        var head = first(i);
        if (!head.WasSuccessful)
        {
            return Cast<T, IReadOnlyList<T>>(head);
        }

        var items = new List<T> { head.Value };
        var current = head.Remainder;
        while (true)
        {
            var comma = DwmapTokens.Comma(current);
            if (!comma.WasSuccessful)
            {
                return Result.Success<IReadOnlyList<T>>(items, current);
            }

            var item = afterComma(comma.Remainder);
            if (!item.WasSuccessful)
            {
                return Cast<T, IReadOnlyList<T>>(item);
            }

            items.Add(item.Value);
            current = item.Remainder;
        }
    };
}
