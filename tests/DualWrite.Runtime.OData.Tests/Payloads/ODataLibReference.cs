using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.OData.Payloads;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>
/// ODataLib's reading of a page or an entity, as the connector read them before the System.Text.Json codec took the hot
/// path: the reference the codec must agree with.
/// </summary>
internal static class ODataLibReference
{
    public static FeedPage ReadPage(byte[] body, bool delta)
    {
        using var reader = new ODataMessageReader((IODataResponseMessage)new InMemoryODataMessage(body), Settings, PayloadCodecModel.Model);
        var feed = delta
            ? reader.CreateODataDeltaResourceSetReader(PayloadCodecModel.Set, PayloadCodecModel.Type)
            : reader.CreateODataResourceSetReader(PayloadCodecModel.Set, PayloadCodecModel.Type);
        var rows = new List<ODataRow>();
        var deleted = new List<string>();
        Uri? nextLink = null;
        Uri? deltaLink = null;
        var depth = 0;
        while (feed.Read())
        {
            switch (feed.State)
            {
                case ODataReaderState.ResourceStart or ODataReaderState.DeletedResourceStart:
                    depth++;
                    break;
                case ODataReaderState.ResourceEnd when depth == 1 && feed.Item is ODataResource resource:
                    depth--;
                    rows.Add(ToRow(resource));
                    break;
                case ODataReaderState.ResourceEnd:
                    depth--;
                    break;
                case ODataReaderState.DeletedResourceEnd when feed.Item is ODataDeletedResource gone:
                    depth--;
                    deleted.Add(IdOf(gone));
                    break;
                case ODataReaderState.ResourceSetEnd or ODataReaderState.DeltaResourceSetEnd when depth == 0:
                    var set = feed.Item as ODataResourceSetBase;
                    nextLink = set?.NextPageLink ?? nextLink;
                    deltaLink = set?.DeltaLink ?? deltaLink;
                    break;
            }
        }

        return new FeedPage(rows, deleted, nextLink, deltaLink);
    }

    private static ODataMessageReaderSettings Settings => new()
    {
        BaseUri = PayloadCodecModel.Root,
        MaxProtocolVersion = ODataVersion.V401,
        Validations = ValidationKinds.None,
    };

    private static ODataRow ToRow(ODataResourceBase resource)
    {
        var properties = ODataRow.NewProperties();
        foreach (var property in resource.Properties.OfType<ODataProperty>())
        {
            properties[property.Name] = ODataValues.FromOData(property.Value);
        }

        return new ODataRow(properties, resource.ETag);
    }

    // Dataverse names a deleted row by its id alone ("id": "<guid>"); OData 4.01 services by the key in @id or as properties.
    private static string IdOf(ODataDeletedResource gone)
    {
        var key = gone.Properties?.OfType<ODataProperty>().FirstOrDefault();
        if (gone.Id is null && key is not null)
        {
            return ODataValues.KeyText(ODataValues.FromOData(key.Value));
        }

        return ODataValues.KeyOfEntityId(gone.Id?.OriginalString ?? string.Empty);
    }
}
