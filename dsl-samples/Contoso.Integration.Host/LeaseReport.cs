using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Net.Sockets;

namespace Contoso.Integration.Host;

/// <summary>
/// The shared host's status line. The state store can be out of reach for a while (PostgreSQL restarting, the network
/// down): the runtime retries its passes meanwhile, so the line says so and the loop asks again next time instead of
/// ending the process.
/// </summary>
public static class LeaseReport
{
    /// <summary>The partitions <paramref name="readHeld"/> finds this host holding, or why it cannot tell now.</summary>
    public static string Describe(Func<IReadOnlyCollection<int>> readHeld)
    {
        try
        {
            var held = readHeld();
            return $"partitions {string.Join(", ", held)} ({held.Count})";
        }
        catch (Exception exception) when (exception is DbException or IOException or SocketException or TimeoutException)
        {
            return $"state store unreachable ({exception.Message}); the host keeps retrying";
        }
    }
}
