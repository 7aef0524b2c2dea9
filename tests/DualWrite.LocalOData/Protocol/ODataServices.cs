using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;

namespace DualWrite.LocalOData.Protocol;

/// <summary>
/// ODataLib's services, registered once. Without a container every message reader and writer builds its own, which
/// cost more than the rest of a request; each message takes its own scope, because the reader and writer settings are
/// scoped services that ODataLib fills in per message.
/// </summary>
internal static class ODataServices
{
    private static readonly ServiceProvider Root = new ServiceCollection().AddDefaultODataServices(ODataVersion.V4).BuildServiceProvider();

    public static IServiceScope CreateScope() => Root.CreateScope();
}
