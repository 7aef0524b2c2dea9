using System;
using System.Collections.Generic;
using DualWrite.LocalOData.Protocol;

namespace DualWrite.LocalOData.Hosting;

/// <summary>The requests a service received, in order of completion.</summary>
public sealed class RequestLog
{
    private readonly object gate = new();
    private readonly List<RequestLogEntry> entries = new();

    /// <summary>A copy of the entries so far.</summary>
    public IReadOnlyList<RequestLogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return entries.ToArray();
            }
        }
    }

    /// <summary>Forgets the entries so far.</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (gate)
        {
            entries.Add(entry);
        }
    }
}
