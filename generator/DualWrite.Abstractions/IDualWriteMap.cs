using System.Collections.Generic;

namespace DualWrite;

/// <summary>
/// A compiled map as a runtime sees it: its settings, its two entity classes, and (through
/// <see cref="Accept{TResult}"/>) its typed filters, transforms and keys. Generated maps implement it.
/// </summary>
public interface IDualWriteMap
{
    /// <summary>The map's name.</summary>
    string Name { get; }

    /// <summary>Which way records flow.</summary>
    SyncDirection Direction { get; }

    /// <summary>Company-striped or global.</summary>
    CompanyScope Company { get; }

    /// <summary>Who wins when both sides changed a record while the map was paused.</summary>
    ConflictPolicy Conflict { get; }

    /// <summary>Whether deletes are synced.</summary>
    DeletePolicy Deletes { get; }

    /// <summary>The maps that go first in an initial sync (<c>after</c> and lookups).</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>The F&amp;O filter as written (X++ query-range expression), or null.</summary>
    string? FoFilter { get; }

    /// <summary>The F&amp;O filter as OData <c>$filter</c> text, or null.</summary>
    string? FoODataFilter { get; }

    /// <summary>The Dataverse filter as written (OData <c>$filter</c>), or null.</summary>
    string? DataverseFilter { get; }

    /// <summary>The F&amp;O entity class.</summary>
    IEntityDescriptor Fo { get; }

    /// <summary>
    /// Where the F&amp;O integration key sits on the entity class, in <see cref="IntegrationKey"/> order: the
    /// company first for a striped map (<c>dataAreaId</c>), then the key fields. The same list instance on every call.
    /// </summary>
    IReadOnlyList<KeyPath> FoKeyPaths { get; }

    /// <summary>
    /// Where the Dataverse integration key sits, in <see cref="IntegrationKey"/> order: for a striped map first
    /// <c>msdyn_company.cdm_companycode</c> (a path through the company lookup), then the alternate-key columns. The same
    /// list instance on every call.
    /// </summary>
    IReadOnlyList<KeyPath> DataverseKeyPaths { get; }

    /// <summary>The Dataverse entity class.</summary>
    IEntityDescriptor Dataverse { get; }

    /// <summary>
    /// The field mappings in the order the map declares them, after the implied company mapping of a striped map. The
    /// same list instance on every call.
    /// </summary>
    IReadOnlyList<FieldMapping> Fields { get; }

    /// <summary>Calls back with the map's entity types as type arguments, so a runtime can stay typed.</summary>
    TResult Accept<TResult>(IDualWriteMapVisitor<TResult> visitor);
}

/// <summary>A compiled map with its entity types.</summary>
public interface IDualWriteMap<TFo, TDataverse> : IDualWriteMap
    where TFo : class
    where TDataverse : class
{
    /// <summary>The F&amp;O entity class.</summary>
    new EntityDescriptor<TFo> Fo { get; }

    /// <summary>The Dataverse entity class.</summary>
    new EntityDescriptor<TDataverse> Dataverse { get; }

    /// <summary>Whether an F&amp;O record syncs.</summary>
    bool MatchesFoFilter(TFo entity);

    /// <summary>Whether a Dataverse record syncs.</summary>
    bool MatchesDataverseFilter(TDataverse entity);

    /// <summary>Copies the fields that flow towards Dataverse; throws <see cref="System.NotSupportedException"/> when none do.</summary>
    void ToDataverse(TFo source, TDataverse target);

    /// <summary>Copies the fields that flow towards F&amp;O; throws <see cref="System.NotSupportedException"/> when none do.</summary>
    void ToFo(TDataverse source, TFo target);

    /// <summary>The integration key of an F&amp;O record, comparable with <see cref="GetDataverseKey"/>.</summary>
    IntegrationKey GetFoKey(TFo entity);

    /// <summary>The integration key of a Dataverse record, comparable with <see cref="GetFoKey"/>.</summary>
    IntegrationKey GetDataverseKey(TDataverse entity);
}

/// <summary>Receives a map with its entity types as type arguments.</summary>
public interface IDualWriteMapVisitor<out TResult>
{
    /// <summary>Called by <see cref="IDualWriteMap.Accept{TResult}"/>.</summary>
    TResult Visit<TFo, TDataverse>(IDualWriteMap<TFo, TDataverse> map)
        where TFo : class
        where TDataverse : class;
}
