using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Authentication;

namespace DualWrite.Runtime.OData.Metadata;

/// <summary>
/// A service's schema as it is now, read from its <c>$metadata</c>; failures become <see cref="EnvironmentUnavailableException"/>
/// with the reason (refused credentials, unreachable service), which names the URL and status but never a token.
/// </summary>
public static class LiveMetadata
{
    /// <summary>Downloads and reads <c>&lt;serviceRoot&gt;/$metadata</c>.</summary>
    public static async Task<EnvironmentSchema> ReadAsync(Side side, Uri serviceRoot, ITokenProvider tokens, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dualwrite-{side.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}.metadata.xml");
        try
        {
            await MetadataDownload.DownloadAsync(serviceRoot, tokens, path, cancellationToken).ConfigureAwait(false);
            return EnvironmentSchema.ReadFile(side, path);
        }
        catch (HttpRequestException failure) when (failure.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new EnvironmentUnavailableException(side, $"The {side} service refused the credentials: {failure.Message}", failure);
        }
        catch (HttpRequestException failure)
        {
            throw new EnvironmentUnavailableException(side, $"The {side} service at {serviceRoot} could not be reached: {failure.Message}", failure);
        }
        catch (Exception failure) when (failure is XmlException or InvalidDataException)
        {
            throw new EnvironmentUnavailableException(side, $"The {side} service at {serviceRoot} answered $metadata that is not CSDL: {failure.Message}", failure);
        }
        catch (TaskCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EnvironmentUnavailableException(side, $"The {side} service at {serviceRoot} did not answer in time.", failure);
        }
        catch (Azure.Identity.AuthenticationFailedException failure)
        {
            throw new EnvironmentUnavailableException(side, $"No token for the {side} service: {failure.Message}", failure);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
