using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using DualWrite.LocalOData.Storage;

namespace DualWrite.LocalOData.Flavors;

/// <summary>Where the two services differ: root path, upsert semantics, company scope, stamped columns, and the errors each answers with.</summary>
public abstract class ServiceFlavor
{
    /// <summary>A display name for messages.</summary>
    public abstract string Name { get; }

    /// <summary>The side it stands for, which lays out its tables as the embedded environments do.</summary>
    public abstract Side Side { get; }

    /// <summary>The service root's path, with leading and trailing slash.</summary>
    public abstract string RootPath { get; }

    /// <summary>The page size when the client does not ask for one with <c>Prefer: odata.maxpagesize</c>.</summary>
    public abstract int DefaultPageSize { get; }

    /// <summary>The largest page the service returns, whatever <c>odata.maxpagesize</c> asks for.</summary>
    public abstract int MaxPageSize { get; }

    /// <summary>The most a <c>/$count</c> reports, or null for no limit.</summary>
    public virtual long? CountLimit => null;

    /// <summary>Whether PATCH on a missing row creates it (Dataverse's upsert) rather than answering 404.</summary>
    public abstract bool PatchUpserts { get; }

    /// <summary>Whether a create answers 201 with the row even without <c>Prefer: return=representation</c>.</summary>
    public abstract bool CreateReturnsRow { get; }

    /// <summary>Whether <c>Prefer: odata.track-changes</c> and delta links are supported.</summary>
    public abstract bool SupportsChangeTracking { get; }

    /// <summary>Whether a write whose referential-constraint columns name no row of the target is refused (F&amp;O validates related tables; Dataverse checks lookups when they are bound).</summary>
    public abstract bool EnforcesReferences { get; }

    /// <summary>Whether a write clears a lookup with <c>"nav@odata.bind": null</c> or <c>"nav": null</c>, as Dataverse does.</summary>
    public virtual bool ClearsLookupsWithNull => false;

    /// <summary>The rows of <paramref name="set"/> a collection read may return, or null for all.</summary>
    public virtual SqlCondition? ReadScope(EntitySetInfo set, IReadOnlyDictionary<string, string?> customQueryOptions) => null;

    /// <summary>Checks that a client may write <paramref name="column"/>; computed columns are ignored by the caller.</summary>
    public virtual void CheckWritable(EntitySetInfo set, ColumnInfo column)
    {
    }

    /// <summary>Fills the values a new row gets when the client leaves them out (generated id, default company, defaults of non-nullable columns).</summary>
    public virtual void CompleteNewRow(EntitySetInfo set, Dictionary<string, object?> values)
    {
        foreach (var column in set.Columns.Where(c => !c.IsNullable && !values.ContainsKey(c.Name) && !set.Key.Contains(c.Name)))
        {
            values[column.Name] = DefaultOf(column);
        }
    }

    /// <summary>Sets the columns the service maintains on every write (times, version number).</summary>
    public abstract void Stamp(EntitySetInfo set, Dictionary<string, object?> values, bool creating, long version, DateTimeOffset now);

    /// <summary>The error for a create whose key is taken.</summary>
    public abstract ODataServiceException DuplicateKey(EntitySetInfo set);

    /// <summary>The error for a missing row.</summary>
    public abstract ODataServiceException NotFound(EntitySetInfo set, string key);

    /// <summary>The error for <c>If-Match</c> with another row version.</summary>
    public virtual ODataServiceException VersionMismatch(EntitySetInfo set) =>
        ODataServiceException.PreconditionFailed("The version of the existing record doesn't match the RowVersion property provided.", "0x80060882");

    /// <summary>The error for a write whose referential-constraint columns name no row of the target.</summary>
    public virtual ODataServiceException ReferenceMissing(EntitySetInfo set, ReferenceInfo reference, string value) =>
        ODataServiceException.BadRequest($"The value '{value}' in field '{reference.Columns[^1]}' is not found in the related table '{reference.TargetSet}'.", "Write failed");

    /// <summary>The error for <c>@odata.bind</c> to a row that does not exist.</summary>
    public abstract ODataServiceException BindTargetMissing(EntitySetInfo target, string key, bool byAlternateKey);

    private static object? DefaultOf(ColumnInfo column) => column.Kind switch
    {
        ColumnKind.Integer or ColumnKind.Boolean => 0L,
        ColumnKind.Real => 0d,
        ColumnKind.Decimal => "0",
        ColumnKind.Enum => column.EnumType!.Members.OrderBy(m => m.Value).First().Name,
        ColumnKind.DateTimeOffset => StorageValues.Timestamp(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        _ => null,
    };
}
