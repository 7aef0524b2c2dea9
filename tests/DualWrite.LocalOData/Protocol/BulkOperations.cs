using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Storage;

namespace DualWrite.LocalOData.Protocol;

/// <summary>
/// Dataverse's bulk operation messages bound to an entity set: <c>POST &lt;set&gt;/Microsoft.Dynamics.CRM.CreateMultiple</c>,
/// <c>UpdateMultiple</c> and <c>UpsertMultiple</c> with <c>{"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.&lt;type&gt;", ...}]}</c>
/// ("Use bulk operation messages", https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations; the
/// UpsertMultiple action, https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/upsertmultiple).
/// Each target is executed as the single write it stands for (POST, PATCH with <c>If-Match: *</c>, PATCH upsert), so it is
/// validated, stamped and change-logged exactly as that write; all run in one transaction because on a standard table the
/// message is all-or-nothing: the first failing target's error answers the request and nothing is written.
/// </summary>
internal sealed class BulkOperations
{
    private const string Namespace = "Microsoft.Dynamics.CRM.";
    private static readonly string[] Messages = { "CreateMultiple", "UpdateMultiple", "UpsertMultiple" };
    private readonly RequestProcessor processor;
    private readonly ODataStore store;

    public BulkOperations(RequestProcessor processor, ODataStore store)
    {
        this.processor = processor;
        this.store = store;
    }

    /// <summary>The entity set and message of a bulk operation path (<c>accounts/Microsoft.Dynamics.CRM.UpsertMultiple</c>), or null.</summary>
    public static (string Set, string Message)? Match(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !relativePath.AsSpan(slash + 1).StartsWith(Namespace, StringComparison.Ordinal))
        {
            return null;
        }

        var message = relativePath[(slash + 1 + Namespace.Length)..];
        return Messages.Contains(message, StringComparer.Ordinal) ? (relativePath[..slash], message) : null;
    }

    public async Task<ODataResponse> ExecuteAsync(ODataRequest request, Uri serviceRoot, string setName, string message, WriteScope? changeset, CancellationToken cancellationToken)
    {
        var set = store.Model.Find(setName) ?? throw ODataServiceException.NotFound($"Resource not found for the segment '{setName}'.", "0x80060888");
        var targets = Targets(request.Body);
        var requests = targets.Select((target, i) => TargetRequest(request, serviceRoot, set, message, target, i)).ToList();
        if (changeset is not null)
        {
            return Answer(serviceRoot, message, await RunAsync(requests, serviceRoot, changeset, cancellationToken).ConfigureAwait(false));
        }

        using var scope = await store.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var responses = await RunAsync(requests, serviceRoot, scope, cancellationToken).ConfigureAwait(false);
        scope.Commit();
        return Answer(serviceRoot, message, responses);
    }

    private async Task<List<ODataResponse>> RunAsync(List<ODataRequest> requests, Uri serviceRoot, WriteScope scope, CancellationToken cancellationToken)
    {
        var responses = new List<ODataResponse>(requests.Count);
        foreach (var request in requests)
        {
            // A refusal throws: the caller's scope is disposed uncommitted, so the targets before it are undone too.
            responses.Add(await processor.ExecuteAsync(request, serviceRoot, scope, cancellationToken).ConfigureAwait(false));
        }

        return responses;
    }

    private static List<JsonObject> Targets(byte[] body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw ODataServiceException.BadRequest($"The request body is not valid JSON: {e.Message}");
        }

        if (root?["Targets"] is not JsonArray targets || targets.Any(t => t is not JsonObject))
        {
            throw ODataServiceException.BadRequest("The request body must have a 'Targets' array of records.");
        }

        return targets.Select(t => t!.AsObject()).ToList();
    }

    private static ODataRequest TargetRequest(ODataRequest bulk, Uri serviceRoot, EntitySetInfo set, string message, JsonObject target, int index)
    {
        var expectedType = Namespace + set.EntityType.Name;
        var type = target["@odata.type"]?.GetValue<string>().TrimStart('#');
        if (type != expectedType)
        {
            throw ODataServiceException.BadRequest(
                $"Target {index + 1}: every record of {message} needs \"@odata.type\": \"{expectedType}\" (found {(type is null ? "none" : $"'{type}'")}).");
        }

        var id = target["@odata.id"]?.GetValue<string>();
        var body = new JsonObject(target.Where(p => p.Key is not ("@odata.type" or "@odata.id")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var key = id is not null ? new Uri(serviceRoot, id.TrimStart('/'))
            : set.Key.Count == 1 && body[set.Key[0]] is JsonValue value ? new Uri(serviceRoot, $"{set.Name}({value})")
            : null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json", ["OData-Version"] = "4.0" };
        string method;
        switch (message)
        {
            case "CreateMultiple":
                method = "POST";
                key = new Uri(serviceRoot, set.Name);
                break;
            case "UpdateMultiple" when key is not null:
                method = "PATCH";
                headers["If-Match"] = "*";
                break;
            case "UpsertMultiple" when key is not null:
                method = "PATCH";
                break;
            default:
                throw ODataServiceException.BadRequest($"Target {index + 1}: {message} needs the record's primary key or an \"@odata.id\" with its alternate key.");
        }

        return new ODataRequest(method, key, headers, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private static ODataResponse Answer(Uri serviceRoot, string message, List<ODataResponse> responses)
    {
        if (message != "CreateMultiple")
        {
            return ODataResponse.Empty(204);
        }

        // CreateMultipleResponse: the ids of the created records, in the order of the targets.
        var ids = new JsonArray(responses.Select(r => (JsonNode)JsonValue.Create(IdOf(r.Headers["OData-EntityId"]))!).ToArray());
        var answer = new JsonObject { ["@odata.context"] = $"{serviceRoot}$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse", ["Ids"] = ids };
        return new ODataResponse(200, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json; odata.metadata=minimal",
            ["OData-Version"] = "4.0",
        }, Encoding.UTF8.GetBytes(answer.ToJsonString()));
    }

    private static string IdOf(string entityUrl) => entityUrl[(entityUrl.LastIndexOf('(') + 1)..entityUrl.LastIndexOf(')')];
}
