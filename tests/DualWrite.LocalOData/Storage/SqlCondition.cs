using System.Collections.Generic;

namespace DualWrite.LocalOData.Storage;

/// <summary>A SQL boolean expression with its positional parameters (<c>$p0</c>, <c>$p1</c>, ...).</summary>
/// <param name="Sql">The expression.</param>
/// <param name="Parameters">The parameter values, in storage form.</param>
public sealed record SqlCondition(string Sql, IReadOnlyList<object?> Parameters)
{
    /// <summary>Both conditions.</summary>
    public static SqlCondition? And(SqlCondition? left, SqlCondition? right)
    {
        if (left is null || right is null)
        {
            return left ?? right;
        }

        var parameters = new List<object?>(left.Parameters);
        var offset = parameters.Count;
        parameters.AddRange(right.Parameters);
        return new SqlCondition($"({left.Sql}) AND ({Shift(right.Sql, right.Parameters.Count, offset)})", parameters);
    }

    private static string Shift(string sql, int count, int offset)
    {
        // Renumber from the highest index down so $p1 is not rewritten inside $p10.
        for (var i = count - 1; i >= 0; i--)
        {
            sql = sql.Replace($"$p{i}", $"$q{i + offset}");
        }

        return sql.Replace("$q", "$p");
    }
}
