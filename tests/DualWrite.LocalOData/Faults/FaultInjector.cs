using System;
using System.Collections.Generic;
using System.Linq;

namespace DualWrite.LocalOData.Faults;

/// <summary>The faults waiting for a service's next requests; tests add them while the service runs.</summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly List<FaultRule> rules = new();

    /// <summary>Makes the next <paramref name="times"/> requests that match (<paramref name="method"/>, a substring of the path, a text of the body) fail with <paramref name="fault"/>.</summary>
    public FaultRule Inject(Fault fault, int times = 1, string? method = null, string? pathContains = null, string? bodyContains = null)
    {
        var rule = new FaultRule(fault, times, method, pathContains, bodyContains);
        lock (gate)
        {
            rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Removes every fault not yet used up.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>The faults that still wait for requests.</summary>
    public IReadOnlyList<FaultRule> Pending
    {
        get
        {
            lock (gate)
            {
                return rules.Where(r => r.Remaining > 0).ToList();
            }
        }
    }

    /// <summary>The fault for this request, if one matches; the oldest matching rule wins.</summary>
    internal FaultRule? Take(string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        lock (gate)
        {
            rules.RemoveAll(r => r.Remaining == 0);
            foreach (var rule in rules)
            {
                if (rule.Matches(method, pathAndQuery, body) && rule.TryTake())
                {
                    return rule;
                }
            }

            return null;
        }
    }
}
