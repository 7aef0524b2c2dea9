using System;
using System.Collections.Generic;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using DualWrite.LocalOData.Storage;
using static DualWrite.Runtime.Environments.Embedded.SqliteLayout;

namespace DualWrite.LocalOData.Flavors;

/// <summary>Finance and Operations' <c>/data</c> endpoint: keys carry <c>dataAreaId</c>, reads see the default company unless <c>cross-company=true</c>, PATCH only updates, creates answer 201 with the row.</summary>
/// <remarks>
/// <c>/$count</c> answers every row the scope lets through, with no cap: "Open Data Protocol (OData)"
/// (https://learn.microsoft.com/dynamics365/fin-ops-core/dev-itpro/data-entities/odata) lists <c>$count</c> among the
/// query options the endpoint supports.
/// </remarks>
public sealed class FoFlavor : ServiceFlavor
{
    /// <summary>The company column of company-specific entities.</summary>
    public const string CompanyColumn = DualWrite.Schema.CompanyFields.DataAreaId;

    /// <summary>The modified-time property F&amp;O entities expose; stamped when the entity type declares it.</summary>
    public const string ModifiedTimeColumn = "ModifiedDateTime1";

    private readonly int defaultPageSize;

    /// <summary>Creates the flavor; <paramref name="defaultCompany"/> is the service user's default company.</summary>
    public FoFlavor(string defaultCompany, int defaultPageSize)
    {
        DefaultCompany = defaultCompany;
        this.defaultPageSize = defaultPageSize;
    }

    /// <summary>The company reads are scoped to without <c>cross-company=true</c>, and creates default to.</summary>
    public string DefaultCompany { get; }

    /// <inheritdoc />
    public override string Name => "F&O";

    /// <inheritdoc />
    public override Side Side => Side.Fo;

    /// <inheritdoc />
    public override string RootPath => "/data/";

    /// <inheritdoc />
    public override int DefaultPageSize => defaultPageSize;

    /// <inheritdoc />
    public override int MaxPageSize => Math.Max(10000, defaultPageSize);

    /// <inheritdoc />
    public override bool EnforcesReferences => true;

    /// <inheritdoc />
    public override bool PatchUpserts => false;

    /// <inheritdoc />
    public override bool CreateReturnsRow => true;

    /// <inheritdoc />
    public override bool SupportsChangeTracking => false;

    /// <inheritdoc />
    public override SqlCondition? ReadScope(EntitySetInfo set, IReadOnlyDictionary<string, string?> customQueryOptions)
    {
        var crossCompany = customQueryOptions.TryGetValue("cross-company", out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        return crossCompany || set.FindColumn(CompanyColumn) is null
            ? null
            : new SqlCondition($"{Quote(CompanyColumn)} = $p0", new object?[] { DefaultCompany });
    }

    /// <inheritdoc />
    public override void CompleteNewRow(EntitySetInfo set, Dictionary<string, object?> values)
    {
        if (set.FindColumn(CompanyColumn) is not null && values.GetValueOrDefault(CompanyColumn) is null)
        {
            values[CompanyColumn] = DefaultCompany;
        }

        base.CompleteNewRow(set, values);
    }

    /// <inheritdoc />
    public override void Stamp(EntitySetInfo set, Dictionary<string, object?> values, bool creating, long version, DateTimeOffset now)
    {
        var time = StorageValues.Timestamp(now);
        if (creating && set.FindColumn("CreatedDateTime") is not null)
        {
            values["CreatedDateTime"] = time;
        }

        if (set.FindColumn(ModifiedTimeColumn) is not null)
        {
            values[ModifiedTimeColumn] = time;
        }
    }

    /// <inheritdoc />
    public override ODataServiceException DuplicateKey(EntitySetInfo set) =>
        ODataServiceException.BadRequest($"Write failed for table row of type '{set.EntityType.Name}'. Infolog: Cannot create a record in {set.Name}. The record already exists.", "Write failed");

    /// <inheritdoc />
    public override ODataServiceException NotFound(EntitySetInfo set, string key) =>
        ODataServiceException.NotFound($"No resource found for segment '{set.Name}({key})'.", "NotFound");

    /// <inheritdoc />
    public override ODataServiceException BindTargetMissing(EntitySetInfo target, string key, bool byAlternateKey) =>
        ODataServiceException.BadRequest($"The entity '{target.Name}({key})' referenced by the request does not exist.", "Write failed");
}
