using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Storage;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace DualWrite.LocalOData.Protocol;

/// <summary>Writes responses with ODataLib: entities, pages, delta pages, service document and errors. Synchronously: responses go to memory, and ODataLib's synchronous writers are several times faster than its asynchronous ones.</summary>
public sealed class ResponseWriter
{
    private readonly ServiceModel model;
    private readonly Uri serviceRoot;

    /// <summary>Creates a writer for the service at <paramref name="serviceRoot"/>.</summary>
    public ResponseWriter(ServiceModel model, Uri serviceRoot)
    {
        this.model = model;
        this.serviceRoot = serviceRoot;
    }

    /// <summary>One entity.</summary>
    public ODataResponse Entity(int status, EntitySetInfo set, StoredRow row, SelectExpandClause? select, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var message = Message(status, headers);
        using (var messageWriter = new ODataMessageWriter((IODataResponseMessage)message, Settings(select), model.Edm))
        {
            var writer = messageWriter.CreateODataResourceWriter(set.Set, set.EntityType);
            writer.WriteStart(Resource(set, row, select));
            writer.WriteEnd();
        }

        message.SetHeader("ETag", row.ETag);
        return message.ToResponse();
    }

    /// <summary>A page of a collection, with its next link or, on the last page of a change-tracked read, its delta link.</summary>
    public ODataResponse Page(EntitySetInfo set, IEnumerable<StoredRow> rows, SelectExpandClause? select, Uri? nextLink, Uri? deltaLink, IReadOnlyDictionary<string, string>? headers)
    {
        using var message = Message(200, headers);
        using (var messageWriter = new ODataMessageWriter((IODataResponseMessage)message, Settings(select), model.Edm))
        {
            var writer = messageWriter.CreateODataResourceSetWriter(set.Set, set.EntityType);
            var resourceSet = new ODataResourceSet { NextPageLink = nextLink };
            if (nextLink is null)
            {
                resourceSet.DeltaLink = deltaLink;
            }

            writer.WriteStart(resourceSet);
            foreach (var row in rows)
            {
                writer.WriteStart(Resource(set, row, select));
                writer.WriteEnd();
            }

            writer.WriteEnd();
        }

        return message.ToResponse();
    }

    /// <summary>A page of the rows changed since a delta token: new and updated rows, and a <c>$deletedEntity</c> (id and reason) for each deleted one; the last page has the new delta link.</summary>
    public ODataResponse Delta(EntitySetInfo set, IEnumerable<(StoredRow? Row, ChangedRow Change)> changes, SelectExpandClause? select, Uri? nextLink, Uri? deltaLink)
    {
        using var message = Message(200, null);
        using (var messageWriter = new ODataMessageWriter((IODataResponseMessage)message, Settings(select), model.Edm))
        {
            var writer = messageWriter.CreateODataDeltaResourceSetWriter(set.Set, set.EntityType);
            writer.WriteStart(new ODataDeltaResourceSet { NextPageLink = nextLink, DeltaLink = deltaLink });
            foreach (var (row, change) in changes)
            {
                if (row is null)
                {
                    // Dataverse writes the deleted row's id as the bare primary key.
                    var id = string.Join(",", set.Key.Select(k => change.Key[k]));
                    writer.WriteStart(new ODataDeletedResource(new Uri(id, UriKind.Relative), DeltaDeletedEntryReason.Deleted));
                }
                else
                {
                    writer.WriteStart(Resource(set, row, select));
                }

                writer.WriteEnd();
            }

            writer.WriteEnd();
        }

        return message.ToResponse();
    }

    /// <summary>The service document: every entity set.</summary>
    public ODataResponse ServiceDocument()
    {
        using var message = Message(200, null);
        using (var messageWriter = new ODataMessageWriter((IODataResponseMessage)message, Settings(null), model.Edm))
        {
            messageWriter.WriteServiceDocument(model.Edm.GenerateServiceDocument());
        }

        return message.ToResponse();
    }

    /// <summary>An OData error payload (<c>{"error":{"code":...,"message":...}}</c>).</summary>
    public static ODataResponse Error(int status, string code, string text, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var message = Message(status, headers);
        var settings = new ODataMessageWriterSettings { EnableMessageStreamDisposal = false, Version = ODataVersion.V4 };
        settings.SetContentType(ODataFormat.Json);
        using (var messageWriter = new ODataMessageWriter((IODataResponseMessage)message, settings))
        {
            messageWriter.WriteError(new ODataError { Code = code, Message = text }, includeDebugInformation: false);
        }

        return message.ToResponse();
    }

    /// <summary>The error response of a refused request.</summary>
    public static ODataResponse Error(ODataServiceException error) => Error(error.Status, error.Code, error.Message);

    /// <summary>The names of the properties a <c>$select</c> asks for (with the key, which both services always return), or null for all.</summary>
    public static IReadOnlySet<string>? Selected(EntitySetInfo set, SelectExpandClause? select)
    {
        if (select is null || select.AllSelected)
        {
            return null;
        }

        var names = select.SelectedItems.OfType<PathSelectItem>()
            .Select(p => p.SelectedPath.LastSegment)
            .OfType<PropertySegment>()
            .Select(p => p.Property.Name)
            .Concat(set.Key);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    private static ODataResource Resource(EntitySetInfo set, StoredRow row, SelectExpandClause? select)
    {
        var selected = Selected(set, select);
        return new ODataResource
        {
            ETag = row.ETag,
            Properties = set.Columns
                .Where(c => selected is null || selected.Contains(c.Name))
                .Select(c => new ODataProperty { Name = c.Name, Value = StorageValues.FromStorage(c, row.Values[c.Name]) })
                .ToList(),
        };
    }

    private static InMemoryResponseMessage Message(int status, IReadOnlyDictionary<string, string>? headers)
    {
        var message = new InMemoryResponseMessage(status);
        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            message.SetHeader(header.Key, header.Value);
        }

        message.SetHeader("OData-Version", "4.0");
        return message;
    }

    private ODataMessageWriterSettings Settings(SelectExpandClause? select)
    {
        var settings = new ODataMessageWriterSettings
        {
            BaseUri = serviceRoot,
            EnableMessageStreamDisposal = false,
            Version = ODataVersion.V4,
            ODataUri = new ODataUri { ServiceRoot = serviceRoot, SelectAndExpand = select },
        };
        settings.SetContentType(ODataFormat.Json);
        return settings;
    }
}
