using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;

namespace DualWrite.LocalOData.Protocol;

/// <summary>ODataLib's services, built once: without them every message reader and writer builds its own container, which cost more than the rest of a request.</summary>
internal static class ODataServices
{
    public static IServiceProvider Provider { get; } = new ServiceCollection().AddDefaultODataServices(ODataVersion.V4).BuildServiceProvider();
}
