using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Model;
using Microsoft.OData;

namespace DualWrite.LocalOData.Protocol;

/// <summary>Reads an entity from a JSON request body with ODataLib, which rejects properties the type does not declare. The body is in memory, so the (much faster) synchronous reader blocks on nothing.</summary>
public static class PayloadReader
{
    /// <summary>
    /// Reads the body of <paramref name="request"/> as an entity of <paramref name="set"/>. With <paramref name="clearsLookups"/>
    /// (Dataverse), <c>"nav@odata.bind": null</c> and <c>"nav": null</c> name lookups to clear; elsewhere a null bind is
    /// refused as ODataLib refuses it, and a null navigation property as a deep insert.
    /// </summary>
    public static EntityPayload Read(ODataRequest request, ServiceModel model, EntitySetInfo set, Uri serviceRoot, bool clearsLookups)
    {
        if (request.Body.Length == 0)
        {
            throw ODataServiceException.BadRequest("The request has no body; an entity was expected.");
        }

        var settings = new ODataMessageReaderSettings { BaseUri = serviceRoot, EnableMessageStreamDisposal = true };
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        var binds = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var cleared = new List<string>();
        if (clearsLookups)
        {
            request = request with { Body = NullBinds.Extract(request.Body, cleared) };
        }

        try
        {
            using var message = new InMemoryRequestMessage(request);
            using var messageReader = new ODataMessageReader((IODataRequestMessage)message, settings, model.Edm);
            var reader = messageReader.CreateODataResourceReader(set.Set, set.EntityType);
            var depth = 0;
            string? navigation = null;
            while (reader.Read())
            {
                switch (reader.State)
                {
                    case ODataReaderState.ResourceStart when clearsLookups && depth == 1 && IsNullNavigation(reader):
                        depth++;
                        cleared.Add(navigation!);
                        break;
                    case ODataReaderState.ResourceStart when depth++ > 0:
                        throw new ODataServiceException(501, "0x80060888", "The local OData service does not support deep inserts; bind related rows with @odata.bind.");
                    case ODataReaderState.ResourceEnd when --depth == 0:
                        foreach (var property in ((ODataResource)reader.Item).Properties.OfType<ODataProperty>())
                        {
                            properties[property.Name] = property.Value;
                        }

                        break;
                    case ODataReaderState.NestedResourceInfoStart:
                        navigation = ((ODataNestedResourceInfo)reader.Item).Name;
                        break;
                    case ODataReaderState.EntityReferenceLink:
                        binds[navigation!] = ((ODataEntityReferenceLink)reader.Item).Url;
                        break;
                }
            }
        }
        catch (ODataException e)
        {
            throw ODataServiceException.BadRequest(e.Message);
        }

        return new EntityPayload(properties, binds, cleared);
    }

    /// <summary>A single-valued navigation property written as null (<c>"nav": null</c>): ODataLib reads it as a resource that is not there.</summary>
    private static bool IsNullNavigation(ODataReader reader) => reader.Item is null;
}
