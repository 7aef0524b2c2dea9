using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Flavors;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Storage;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace DualWrite.LocalOData.Protocol;

/// <summary>Executes one request (top-level or a <c>$batch</c> operation): parses its URL with ODataLib and hands it to the read or write handler.</summary>
public sealed class RequestProcessor
{
    private readonly ODataStore store;
    private readonly BulkOperations bulk;

    /// <summary>Creates the processor.</summary>
    public RequestProcessor(ODataStore store, ServiceFlavor flavor, TimeProvider time, ServiceOrganization organization)
    {
        this.store = store;
        Flavor = flavor;
        Organization = organization;
        Reads = new ReadHandler(store, flavor);
        Writes = new WriteHandler(store, flavor, time);
        bulk = new BulkOperations(this, store);
    }

    /// <summary>The service's flavor.</summary>
    public ServiceFlavor Flavor { get; }

    /// <summary>What the service says about itself: privileges, change tracking, key indexes, legal entities.</summary>
    public ServiceOrganization Organization { get; }

    /// <summary>The read handler.</summary>
    public ReadHandler Reads { get; }

    /// <summary>The write handler.</summary>
    public WriteHandler Writes { get; }

    /// <summary>Executes a request in its own transaction and answers refusals with an OData error.</summary>
    public async Task<ODataResponse> HandleAsync(ODataRequest request, Uri serviceRoot, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(request, serviceRoot, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ODataServiceException e)
        {
            return ResponseWriter.Error(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of the local service must show as what it is, not as a behaviour of the real one.
            return ResponseWriter.Error(500, "LocalServiceFault", $"The local OData service failed: {e}");
        }
    }

    /// <summary>Executes a request; writes go into <paramref name="changeset"/> when given (a refusal then throws, so the caller rolls the changeset back).</summary>
    public async Task<ODataResponse> ExecuteAsync(ODataRequest request, Uri serviceRoot, WriteScope? changeset, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteCoreAsync(request, serviceRoot, changeset, cancellationToken).ConfigureAwait(false);
        }
        catch (ODataException e)
        {
            // Query options are parsed lazily by the handlers; a malformed one is the client's error.
            throw ODataServiceException.BadRequest(e.Message);
        }
    }

    private async Task<ODataResponse> ExecuteCoreAsync(ODataRequest request, Uri serviceRoot, WriteScope? changeset, CancellationToken cancellationToken)
    {
        var relative = serviceRoot.MakeRelativeUri(new Uri(request.Uri.GetLeftPart(UriPartial.Path))).OriginalString;
        if (relative == "$metadata" && request.Method == "GET")
        {
            return new ODataResponse(200, new Dictionary<string, string> { ["Content-Type"] = "application/xml", ["OData-Version"] = "4.0" }, store.Model.Csdl);
        }

        if (relative.Length == 0 && request.Method == "GET")
        {
            return new ResponseWriter(store.Model, serviceRoot).ServiceDocument();
        }

        if (MetadataEndpoints.TryHandle(store.Model, Flavor, Organization, request, relative, serviceRoot) is { } about)
        {
            return about;
        }

        if (request.Method == "POST" && Flavor is DataverseFlavor && BulkOperations.Match(relative) is var (setName, message))
        {
            return await bulk.ExecuteAsync(request, serviceRoot, setName, message, changeset, cancellationToken).ConfigureAwait(false);
        }

        var parsed = Parse(request, serviceRoot);
        MetadataEndpoints.Authorize(Flavor, Organization, parsed);
        if (parsed.IsCount)
        {
            return request.Method == "GET" ? Reads.Count(parsed) : throw new ODataServiceException(405, "0x80060888", $"{request.Method} is not supported on '{parsed.Set.Name}/$count'.");
        }

        if (request.Method == "GET")
        {
            return parsed.Key is null ? Reads.ReadCollection(parsed) : Reads.ReadRow(parsed);
        }

        if (changeset is not null)
        {
            return Write(parsed, changeset);
        }

        using var scope = await store.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var response = Write(parsed, scope);
        scope.Commit();
        return response;
    }

    private ODataResponse Write(ParsedRequest parsed, WriteScope scope) => (parsed.Request.Method, parsed.Key) switch
    {
        ("POST", null) => Writes.Create(parsed, scope),
        ("PATCH", not null) => Writes.Patch(parsed, scope),
        ("DELETE", not null) => Writes.Delete(parsed, scope),
        var (method, key) => throw new ODataServiceException(405, "0x80060888",
            $"{method} is not supported on {(key is null ? "a collection" : "a single row")} of '{parsed.Set.Name}'."),
    };

    private ParsedRequest Parse(ODataRequest request, Uri serviceRoot)
    {
        var parser = new ODataUriParser(store.Model.Edm, serviceRoot, request.Uri) { Resolver = new AlternateKeysODataUriResolver(store.Model.Edm) };
        ODataPath path;
        try
        {
            path = parser.ParsePath();
        }
        catch (ODataUnrecognizedPathException e)
        {
            throw ODataServiceException.NotFound(e.Message, "0x80060888");
        }
        catch (ODataException e)
        {
            throw ODataServiceException.BadRequest(e.Message);
        }

        return path switch
        {
            [EntitySetSegment set] => new ParsedRequest(request, serviceRoot, store.Model.Get(set.EntitySet.Name), null, parser),
            [EntitySetSegment set, CountSegment] => new ParsedRequest(request, serviceRoot, store.Model.Get(set.EntitySet.Name), null, parser, IsCount: true),
            [EntitySetSegment set, KeySegment key] => Keyed(request, serviceRoot, set, key, parser),
            _ => throw new ODataServiceException(501, "0x80060888", $"The local OData service does not support the path '{request.Uri.AbsolutePath}'."),
        };
    }

    private ParsedRequest Keyed(ODataRequest request, Uri serviceRoot, EntitySetSegment segment, KeySegment key, ODataUriParser parser)
    {
        var set = store.Model.Get(segment.EntitySet.Name);
        return new ParsedRequest(request, serviceRoot, set, EntityKey.From(set, key), parser);
    }
}
