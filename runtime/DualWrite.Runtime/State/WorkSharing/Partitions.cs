using System;
using System.Text;

namespace DualWrite.Runtime.State.WorkSharing;

/// <summary>Which partition a record belongs to: a stable hash of the map and the record's integration key.</summary>
public static class Partitions
{
    /// <summary>The partition of a record, in [0, <paramref name="partitionCount"/>).</summary>
    public static int Of(string map, string recordKey, int partitionCount)
    {
        // FNV-1a over UTF-8: every host, in every process and .NET version, must agree (string.GetHashCode is randomized).
        const uint offset = 2166136261;
        const uint prime = 16777619;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in new[] { map, "\n", recordKey })
        {
            var bytes = Encoding.UTF8.GetByteCount(part) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * prime;
            }
        }

        return (int)(hash % (uint)partitionCount);
    }
}
