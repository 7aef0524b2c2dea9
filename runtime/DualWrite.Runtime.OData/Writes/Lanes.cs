using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Deals a commit's units (the writes of one change) to lanes that are sent side by side. A unit goes to the lane of the
/// rows it writes, so one row's writes keep their order; a unit that binds a lookup to a row written earlier in the commit
/// goes to that row's lane, so it is sent after the row exists. Other units are dealt in blocks of a request's worth of
/// writes, lane after lane, so lanes add requests in flight, never requests: a commit that fits one request stays in one
/// lane. A unit that would join two lanes (a change writing rows already in different lanes) could not keep both rows'
/// order, so then the commit goes in one lane.
/// </summary>
internal static class Lanes
{
    /// <param name="units">The commit's units, in order.</param>
    /// <param name="degree">The most lanes.</param>
    /// <param name="block">The writes one request carries.</param>
    public static List<List<List<WriteOperation>>> Deal(List<List<WriteOperation>> units, int degree, int block)
    {
        var operations = 0;
        foreach (var unit in units)
        {
            operations += unit.Count;
        }

        degree = Math.Min(degree, (operations + block - 1) / block);
        if (degree > 1 && TryDeal(units, degree, block) is { } lanes)
        {
            return lanes;
        }

        return new List<List<List<WriteOperation>>> { units };
    }

    private static List<List<List<WriteOperation>>>? TryDeal(List<List<WriteOperation>> units, int degree, int block)
    {
        var lanes = new List<List<List<WriteOperation>>>();
        for (var i = 0; i < degree; i++)
        {
            lanes.Add(new List<List<WriteOperation>>());
        }

        var laneOfRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var next = 0;
        var inBlock = 0;
        foreach (var unit in units)
        {
            var lane = -1;
            foreach (var operation in unit)
            {
                foreach (var row in Rows(operation))
                {
                    var known = Known(laneOfRow, row);
                    if (known >= 0 && lane >= 0 && known != lane)
                    {
                        return null;
                    }

                    lane = Math.Max(lane, known);
                }
            }

            if (lane < 0)
            {
                lane = next;
                inBlock += unit.Count;
                if (inBlock >= block)
                {
                    inBlock = 0;
                    next = (next + 1) % degree;
                }
            }

            foreach (var operation in unit)
            {
                if (operation.RowUrl is { } row)
                {
                    laneOfRow[row.AbsoluteUri] = lane;
                }
            }

            lanes[lane].Add(unit);
        }

        lanes.RemoveAll(l => l.Count == 0);
        return lanes;
    }

    private static IEnumerable<Uri?> Rows(WriteOperation operation)
    {
        yield return operation.RowUrl;
        foreach (var (_, target) in operation.Binds)
        {
            yield return target;
        }
    }

    private static int Known(Dictionary<string, int> laneOfRow, Uri? row) =>
        row is not null && laneOfRow.TryGetValue(row.AbsoluteUri, out var lane) ? lane : -1;
}
