using System.Collections.Generic;

namespace DualWrite.LocalOData.Storage;

/// <summary>What a collection read asks the store for.</summary>
/// <param name="Where">The filter and the company scope, or null for every row.</param>
/// <param name="OrderBy">SQL ORDER BY terms before the key, or empty for key order.</param>
/// <param name="After">The key after which the page starts (key order only), or null.</param>
/// <param name="Offset">Rows to skip.</param>
/// <param name="Limit">At most this many rows.</param>
public sealed record RowQuery(SqlCondition? Where, IReadOnlyList<string> OrderBy, IReadOnlyList<object?>? After, long Offset, long Limit);
