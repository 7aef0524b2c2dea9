using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Cli.Commands.Check;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Metadata;

namespace DualWrite.Cli.Commands.Schema;

/// <summary>
/// <c>dualwrite schema pull</c>: downloads an environment's <c>$metadata</c> and keeps what a folder of maps uses.
/// Tokens come from an environment variable or from client credentials whose secret is in one; none is ever printed.
/// </summary>
public static class SchemaPullCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The OData service root: https://org.crm.dynamics.com/api/data/v9.2/ or https://host.operations.dynamics.com/data/.", Required = true };
        var maps = new Option<string>("--maps") { Description = "The folder of maps (.dwmap files and C# attribute maps).", Required = true };
        var output = new Option<string>("--out") { Description = "The trimmed $metadata file to write.", Required = true };
        var side = new Option<string?>("--side") { Description = "fo or dataverse; by default from the URL (/api/data/ is Dataverse)." };
        var tokenEnv = new Option<string?>("--token-env") { Description = "The environment variable holding a bearer token." };
        var tenant = new Option<string?>("--tenant") { Description = "Client credentials: the Microsoft Entra tenant id." };
        var clientId = new Option<string?>("--client-id") { Description = "Client credentials: the app registration's client id." };
        var secretEnv = new Option<string?>("--client-secret-env") { Description = "Client credentials: the environment variable holding the client secret." };
        var command = new Command("pull", "Download an environment's $metadata and trim it to the entity sets, lookups and types the maps use.")
        {
            url, maps, output, side, tokenEnv, tenant, clientId, secretEnv,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var serviceRoot = new Uri(parseResult.GetValue(url)!, UriKind.Absolute);
            var sideText = parseResult.GetValue(side) ?? (serviceRoot.AbsolutePath.Contains("/api/data/", StringComparison.OrdinalIgnoreCase) ? "dataverse" : "fo");
            if (!Enum.TryParse<Side>(sideText, ignoreCase: true, out var chosen))
            {
                error.WriteLine($"--side must be fo or dataverse, not '{sideText}'.");
                return ExitCodes.UsageError;
            }

            ITokenProvider tokens;
            try
            {
                tokens = Tokens(serviceRoot, parseResult.GetValue(tokenEnv), parseResult.GetValue(tenant), parseResult.GetValue(clientId), parseResult.GetValue(secretEnv));
            }
            catch (ArgumentException exception)
            {
                error.WriteLine(exception.Message);
                return ExitCodes.UsageError;
            }

            var folder = MapFolder.Scan(parseResult.GetValue(maps)!);
            var usage = MapUsage.Read(folder, chosen);
            if (usage.EntitySets.Count == 0)
            {
                error.WriteLine($"No map in {folder.Root} uses a {chosen} entity set.");
                return ExitCodes.UsageError;
            }

            var outPath = Path.GetFullPath(parseResult.GetValue(output)!);
            var download = outPath + ".download";
            try
            {
                await MetadataDownload.DownloadAsync(serviceRoot, tokens, download, cancellationToken).ConfigureAwait(false);
                var written = outPath + ".partial";
                using (var stream = File.Create(written))
                {
                    var kept = CsdlTrimmer.Trim(download, stream, usage);
                    parseResult.InvocationConfiguration.Output.WriteLine($"Kept {kept.Count} entity sets ({string.Join(", ", kept)}) of {new FileInfo(download).Length:N0} bytes of $metadata; wrote {stream.Length:N0} bytes to {outPath}.");
                }

                File.Move(written, outPath, overwrite: true);
                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidDataException or System.Xml.XmlException or Azure.Identity.AuthenticationFailedException)
            {
                error.WriteLine($"schema pull failed: {exception.Message}");
                return ExitCodes.Failed;
            }
            finally
            {
                File.Delete(download);
            }
        });

        return new Command("schema", "Environment schemas ($metadata).") { command };
    }

    /// <summary>The token provider the options name; <c>doctor</c> and <c>import --url</c> take the same ones.</summary>
    internal static ITokenProvider Tokens(Uri serviceRoot, string? tokenEnv, string? tenant, string? clientId, string? secretEnv)
    {
        if (tokenEnv is not null)
        {
            var token = Environment.GetEnvironmentVariable(tokenEnv);
            return string.IsNullOrWhiteSpace(token) ? throw new ArgumentException($"The environment variable {tokenEnv} holds no token.") : new StaticTokenProvider(token);
        }

        if (tenant is not null || clientId is not null || secretEnv is not null)
        {
            var secret = secretEnv is null ? null : Environment.GetEnvironmentVariable(secretEnv);
            if (tenant is null || clientId is null || string.IsNullOrWhiteSpace(secret))
            {
                throw new ArgumentException("Client credentials need --tenant, --client-id and --client-secret-env naming a variable that holds the secret.");
            }

            return new ClientCredentialsTokenProvider(tenant, clientId, secret, serviceRoot);
        }

        return AnonymousTokenProvider.Instance;
    }
}
