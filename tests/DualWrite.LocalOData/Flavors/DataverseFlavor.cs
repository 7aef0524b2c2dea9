using System;
using System.Collections.Generic;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using DualWrite.LocalOData.Storage;

namespace DualWrite.LocalOData.Flavors;

/// <summary>The Dataverse Web API v9.2: PATCH upserts, creates answer 204 with <c>OData-EntityId</c>, lookups are written only through <c>@odata.bind</c>, rows carry <c>versionnumber</c>, change tracking with delta links.</summary>
public sealed class DataverseFlavor : ServiceFlavor
{
    private readonly int defaultPageSize;

    /// <summary>Creates the flavor.</summary>
    public DataverseFlavor(int defaultPageSize) => this.defaultPageSize = defaultPageSize;

    /// <inheritdoc />
    public override string Name => "Dataverse";

    /// <inheritdoc />
    public override Side Side => Side.Dataverse;

    /// <inheritdoc />
    public override string RootPath => "/api/data/v9.2/";

    /// <inheritdoc />
    public override int DefaultPageSize => defaultPageSize;

    /// <inheritdoc />
    public override int MaxPageSize => Math.Max(5000, defaultPageSize);

    /// <summary>
    /// 5,000: "Query data using the Web API" (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-data-web-api)
    /// documents <c>/$count</c> answering the number as plain text, and "Count rows using OData"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/count-rows) caps counts at 5,000 rows of a standard table.
    /// </summary>
    public override long? CountLimit => 5000;

    /// <inheritdoc />
    public override bool EnforcesReferences => false;

    /// <inheritdoc />
    public override bool PatchUpserts => true;

    /// <inheritdoc />
    public override bool ClearsLookupsWithNull => true;

    /// <inheritdoc />
    public override bool CreateReturnsRow => false;

    /// <inheritdoc />
    public override bool SupportsChangeTracking => true;

    /// <inheritdoc />
    public override void CheckWritable(EntitySetInfo set, ColumnInfo column)
    {
        if (set.LookupByColumn(column.Name) is { } lookup)
        {
            throw ODataServiceException.BadRequest(
                $"CRM do not support direct update of Entity Reference properties, Use Navigation properties instead ('{column.Name}': bind '{lookup.NavigationName}@odata.bind').",
                "0x80048d19");
        }
    }

    /// <inheritdoc />
    public override void CompleteNewRow(EntitySetInfo set, Dictionary<string, object?> values)
    {
        if (set.HasGeneratedGuidKey && values.GetValueOrDefault(set.Key[0]) is null)
        {
            values[set.Key[0]] = Guid.CreateVersion7().ToString("D");
        }

        SetIfMissing(set, values, "statecode", 0L);
        SetIfMissing(set, values, "statuscode", 1L);
        base.CompleteNewRow(set, values);
    }

    /// <inheritdoc />
    public override void Stamp(EntitySetInfo set, Dictionary<string, object?> values, bool creating, long version, DateTimeOffset now)
    {
        var time = StorageValues.Timestamp(now);
        if (creating && set.FindColumn("createdon") is not null)
        {
            values["createdon"] = time;
        }

        if (set.FindColumn("modifiedon") is not null)
        {
            values["modifiedon"] = time;
        }

        if (set.FindColumn("versionnumber") is not null)
        {
            values["versionnumber"] = version;
        }
    }

    /// <inheritdoc />
    public override ODataServiceException DuplicateKey(EntitySetInfo set) =>
        ODataServiceException.PreconditionFailed("A record with matching key values already exists.", "0x80040237");

    /// <inheritdoc />
    public override ODataServiceException NotFound(EntitySetInfo set, string key) =>
        ODataServiceException.NotFound($"{set.EntityType.Name} With Ids = {key} Does Not Exist", "0x80040217");

    /// <inheritdoc />
    public override ODataServiceException BindTargetMissing(EntitySetInfo target, string key, bool byAlternateKey) =>
        byAlternateKey
            ? ODataServiceException.BadRequest($"A record with the specified key values does not exist in {target.EntityType.Name} entity ({key}).", "0x80060891")
            : ODataServiceException.NotFound($"{target.EntityType.Name} With Ids = {key} Does Not Exist", "0x80040217");

    private static void SetIfMissing(EntitySetInfo set, Dictionary<string, object?> values, string column, object value)
    {
        if (set.FindColumn(column) is not null && !values.ContainsKey(column))
        {
            values[column] = value;
        }
    }
}
