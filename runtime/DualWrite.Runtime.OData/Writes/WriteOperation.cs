using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Payloads;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>What a write does to its row.</summary>
internal enum WriteKind
{
    Create,
    Update,
    Delete,
}

/// <summary>
/// One request of a changeset: method, resource path, preconditions and body (properties, lookups bound with
/// <c>@odata.bind</c> and lookups cleared), plus what the journal needs once the service answered.
/// </summary>
internal sealed class WriteOperation
{
    public WriteOperation(WriteKind kind, string entitySet, string method, Uri url)
    {
        Kind = kind;
        EntitySet = entitySet;
        Method = method;
        Url = url;
    }

    public WriteKind Kind { get; }

    public string EntitySet { get; }

    public string Method { get; }

    public Uri Url { get; }

    /// <summary>Where the row can be read after the write: what a probe after a lost answer asks for.</summary>
    public Uri? RowUrl { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body's properties as ODataLib writes them (null for a delete).</summary>
    public List<KeyValuePair<string, object?>> Properties { get; } = new();

    /// <summary>Lookups written as <c>navigation@odata.bind</c> to a row's URL (by alternate key).</summary>
    public List<KeyValuePair<string, Uri>> Binds { get; } = new();

    /// <summary>
    /// The ids the <see cref="Binds"/> resolve to, by the <c>_x_value</c> column the service answers them in: with
    /// <see cref="Properties"/>, what the row holds after the write when the service does not answer with the row.
    /// </summary>
    public List<KeyValuePair<string, object>> BoundIds { get; } = new();

    /// <summary>Lookups the update clears: the navigation property, and the <c>_x_value</c> column that reads back null once it is.</summary>
    public List<KeyValuePair<string, string>> Clears { get; } = new();

    /// <summary>The row key the journal files the change under, when known before the answer (F&amp;O keys).</summary>
    public string? RowKey { get; set; }

    /// <summary>The entity as written, lookups as their key values: the journal's image of the connector's own write.</summary>
    public Dictionary<string, object?> Image { get; init; } = ODataRow.NewProperties();

    /// <summary>The origin the engine tagged the write with.</summary>
    public string? Origin { get; init; }

    public bool HasBody => Kind != WriteKind.Delete;

    /// <summary>The answer: status (0 when a lost answer was found applied by a probe), ETag, and the row when the service returned it.</summary>
    public int Status { get; set; }

    public string? ETag { get; set; }

    public string? EntityIdHeader { get; set; }

    public ODataRow? Returned { get; set; }

    /// <summary>Why the service refused this write once it was isolated from the writes sent with it; null when applied.</summary>
    public string? Refusal { get; set; }

    /// <summary>The write as its refusal is remembered: the change it carries (its origin), what it does and to which table; not its URL, which names lookups by ids that may change.</summary>
    public string Identity => $"{Origin}\n{Kind} {EntitySet}";

    public ChangeOperation JournalOperation => Kind switch
    {
        WriteKind.Create => ChangeOperation.Insert,
        WriteKind.Update => ChangeOperation.Update,
        _ => ChangeOperation.Delete,
    };
}
