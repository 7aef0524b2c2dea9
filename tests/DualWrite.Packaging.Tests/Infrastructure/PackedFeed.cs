using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DualWrite.Packaging.Tests.Infrastructure;

/// <summary>
/// Every package of the repository (DualWrite.Packages.slnf), packed once for the tests that use them into a feed in a
/// temp folder, with a version of this run's own. The folder's nuget.config names the feed (for DualWrite.* only) and
/// nuget.org; packages restore into the folder, reading the machine's package cache but never writing to it.
/// DOTNET_CLI_HOME points into the folder too, so template and tool installs leave the machine as it was.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        Work = Path.Combine(Path.GetTempPath(), "dualwrite-pack-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Work, "feed");
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(Work, "home"));
        File.WriteAllText(Path.Combine(Work, "nuget.config"), NuGetConfig());
        Command.Run(Repository.Root, "dotnet", $"pack DualWrite.Packages.slnf -c Release -o \"{Feed}\" -p:PackageVersion={Version}");
    }

    /// <summary>The temp folder: consumers are made in folders under it, where its nuget.config applies.</summary>
    public string Work { get; }

    public string Feed { get; }

    public string Version { get; }

    /// <summary>The variables every command of a consumer runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["DOTNET_CLI_HOME"] = Path.Combine(Work, "home"),
        ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(Work, "http-cache"),
    };

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string[] PackageIds() =>
        Directory.GetFiles(Feed, "*.nupkg").Select(f => Path.GetFileName(f)[..^$".{Version}.nupkg".Length]).Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(Work, recursive: true);

    private string NuGetConfig()
    {
        var machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(machineCache)
            ? $"""
                <fallbackPackageFolders>
                  <add key="machine" value="{machineCache}" />
                </fallbackPackageFolders>
              """
            : string.Empty;
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Work, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="dualwrite" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="dualwrite">
                  <package pattern="DualWrite.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            {fallback}
            </configuration>
            """;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
