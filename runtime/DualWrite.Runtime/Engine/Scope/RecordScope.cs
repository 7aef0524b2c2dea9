using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.Engine.Scope;

/// <summary>
/// Whether a record is in a map's scope, for live sync, replay and initial sync alike: its company is linked (or the
/// map is global), the map's direction lets its side's records flow, and the map's filter takes it.
/// </summary>
internal sealed class RecordScope
{
    private HashSet<string> _companies;

    public RecordScope(IEnumerable<string> companies) => _companies = Set(companies);

    /// <summary>Follows the link's companies, after a link, relink or unlink (here or by another host sharing the store).</summary>
    public void Follow(IReadOnlyCollection<string> companies)
    {
        if (!_companies.SetEquals(companies))
        {
            _companies = Set(companies);
        }
    }

    /// <summary>Whether the record of <paramref name="key"/> belongs to a linked company, or the map syncs every company.</summary>
    public bool IsLinked(IDualWriteMap map, IntegrationKey key) =>
        map.Company == CompanyScope.Global || (key.Company is { } company && _companies.Contains(company));

    /// <summary>Whether the map's direction lets records of <paramref name="source"/> flow to the other side.</summary>
    public static bool Flows(IDualWriteMap map, Side source) =>
        map.Direction != (source == Side.Fo ? SyncDirection.ToFo : SyncDirection.ToDataverse);

    /// <summary>Whether an F&amp;O record flows by direction and filter (the filter may throw on a record it cannot read).</summary>
    public static bool TakesFo<TFo, TDataverse>(IDualWriteMap<TFo, TDataverse> map, TFo record)
        where TFo : class
        where TDataverse : class => Flows(map, Side.Fo) && map.MatchesFoFilter(record);

    /// <summary>Whether a Dataverse record flows by direction and filter (the filter may throw on a record it cannot read).</summary>
    public static bool TakesDataverse<TFo, TDataverse>(IDualWriteMap<TFo, TDataverse> map, TDataverse record)
        where TFo : class
        where TDataverse : class => Flows(map, Side.Dataverse) && map.MatchesDataverseFilter(record);

    private static HashSet<string> Set(IEnumerable<string> companies) => new(companies, StringComparer.OrdinalIgnoreCase);
}
