using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Cli.Commands.Schema;

namespace DualWrite.Cli.Commands.Import;

/// <summary>Where <c>dualwrite import</c> reads maps: a JSON file, a folder of them, or a live Dataverse environment.</summary>
public sealed record ImportSource(string? Path, string? Url = null, string? TokenEnv = null, string? Tenant = null, string? ClientId = null, string? SecretEnv = null)
{
    /// <summary>
    /// A solution zip, or an unpacked one: its <c>solution.xml</c> and <c>customizations.xml</c> are the documented layout
    /// of every Dataverse solution, whatever its components.
    /// </summary>
    private static bool IsSolution(string path) =>
        Directory.Exists(path)
            ? File.Exists(System.IO.Path.Combine(path, "solution.xml")) || File.Exists(System.IO.Path.Combine(path, "customizations.xml"))
            : path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The projects; throws <see cref="ArgumentException"/> when the source names nothing readable, <see cref="JsonException"/> for bad JSON.</summary>
    public async Task<IReadOnlyList<MapProject>> ReadAsync(CancellationToken cancellationToken)
    {
        if ((Path is null) == (Url is null))
        {
            throw new ArgumentException("give either a JSON file or folder, or --url of a Dataverse environment.");
        }

        if (Url is not null)
        {
            var root = Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--url '{Url}' is not an absolute URL.");
            return await DataverseMapRows.ReadAsync(root, SchemaPullCommand.Tokens(root, TokenEnv, Tenant, ClientId, SecretEnv), cancellationToken).ConfigureAwait(false);
        }

        if (IsSolution(Path!))
        {
            throw new ArgumentException(
                $"'{Path}' is a Dataverse solution, which import does not read: no public documentation or example of how a solution lays out "
                + "msdyn_dualwriteentitymap rows was found, and the layout is not guessed. Import the maps from the environment the solution "
                + "was imported into (--url), or from their JSON (the map's JSON view in dual-write).");
        }

        var files = Directory.Exists(Path)
            ? Directory.EnumerateFiles(Path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : File.Exists(Path) ? [Path!] : [];
        if (files.Count == 0)
        {
            throw new ArgumentException($"'{Path}' is neither a JSON file nor a folder holding one.");
        }

        return files.SelectMany(file =>
        {
            try
            {
                return MapDocument.Read(File.ReadAllText(file));
            }
            catch (JsonException exception)
            {
                throw new JsonException($"{file}: {exception.Message}", exception);
            }
        }).ToList();
    }
}
