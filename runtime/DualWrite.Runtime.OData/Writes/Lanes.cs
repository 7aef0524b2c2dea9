using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Deals a commit's units (the writes of one change) to lanes that are sent side by side. A unit goes to the lane of the
/// rows it writes, so one row's writes keep their order; a unit that binds a lookup to a row written earlier in the commit
/// goes to that row's lane, so it is sent after the row exists. Other units are dealt in turn. A unit that would join two
/// lanes (a change writing rows already in different lanes) could not keep both rows' order, so then the commit goes in one lane.
/// </summary>
internal static class Lanes
{
    public static List<List<List<WriteOperation>>> Deal(List<List<WriteOperation>> units, int degree)
    {
        if (degree > 1 && TryDeal(units, degree) is { } lanes)
        {
            return lanes;
        }

        return new List<List<List<WriteOperation>>> { units };
    }

    private static List<List<List<WriteOperation>>>? TryDeal(List<List<WriteOperation>> units, int degree)
    {
        var lanes = new List<List<List<WriteOperation>>>();
        for (var i = 0; i < degree; i++)
        {
            lanes.Add(new List<List<WriteOperation>>());
        }

        var laneOfRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var next = 0;
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
                next = (next + 1) % degree;
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
