using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.OData.Reads;

/// <summary>
/// The URL of one read-ahead query, built as keys' clauses are added: the entity set's URL with its <c>$filter</c> left
/// empty, and the clauses between parentheses joined with <c>or</c>, escaped once (<see cref="QueryText"/>). Its length
/// is known before a clause is added, so a query stops short of the longest URL the services take.
/// </summary>
internal sealed class KeyQuery
{
    private const string FilterOption = "$filter=";
    private const string Separator = "%20or%20";
    private readonly string _before;
    private readonly string _after;
    private readonly List<string> _filters = [];
    private int _length;

    /// <param name="emptyFilterUrl">The entity set's URL, escaped, with an empty <c>$filter</c> option.</param>
    public KeyQuery(string emptyFilterUrl)
    {
        var at = emptyFilterUrl.IndexOf(FilterOption, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException($"'{emptyFilterUrl}' has no {FilterOption} option.", nameof(emptyFilterUrl));
        }

        at += FilterOption.Length;
        _before = emptyFilterUrl[..at];
        _after = emptyFilterUrl[at..];
        _length = emptyFilterUrl.Length;
    }

    public int Clauses => _filters.Count;

    /// <summary>The escaped characters the clause of <paramref name="filter"/> takes, parentheses included.</summary>
    public static int ClauseLength(string filter) => QueryText.EscapedLength(filter) + 2;

    /// <summary>The URL's length with one more clause of <paramref name="clauseLength"/> characters.</summary>
    public int LengthWith(int clauseLength) => _length + clauseLength + (_filters.Count > 0 ? Separator.Length : 0);

    public void Add(string filter, int clauseLength)
    {
        _length = LengthWith(clauseLength);
        _filters.Add(filter);
    }

    /// <summary>The URL of the clauses added since the last one was taken, which starts the next query.</summary>
    public string Take()
    {
        var url = string.Create(_length, this, static (span, query) =>
        {
            query._before.AsSpan().CopyTo(span);
            var at = query._before.Length;
            for (var i = 0; i < query._filters.Count; i++)
            {
                if (i > 0)
                {
                    Separator.AsSpan().CopyTo(span[at..]);
                    at += Separator.Length;
                }

                span[at++] = '(';
                at += QueryText.Escape(query._filters[i], span[at..]);
                span[at++] = ')';
            }

            query._after.AsSpan().CopyTo(span[at..]);
        });
        _length = _before.Length + _after.Length;
        _filters.Clear();
        return url;
    }
}
