using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DualWrite.LocalOData.Flavors;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Model;

namespace DualWrite.LocalOData.Protocol;

/// <summary>
/// The requests about the service rather than its rows, answered from <see cref="ServiceOrganization"/>: Dataverse's
/// <c>EntityDefinitions</c> (change tracking, privileges, alternate keys' index status), <c>WhoAmI</c> and
/// <c>RetrieveUserPrivileges</c>; F&amp;O's <c>LegalEntities</c>. Their entity types are not in the services' CSDL, so the
/// payloads are written here with System.Text.Json in the shapes the pages cited in the README document. Also the
/// privilege check every row request passes: a revoked privilege is a 403 with Dataverse's documented error.
/// </summary>
internal static partial class MetadataEndpoints
{
    /// <summary>The answer to a request about the service, or null when the request is about rows.</summary>
    public static ODataResponse? TryHandle(ServiceModel model, ServiceFlavor flavor, ServiceOrganization organization, ODataRequest request, string relativePath, Uri serviceRoot)
    {
        if (request.Method != "GET")
        {
            return null;
        }

        var path = Uri.UnescapeDataString(relativePath);
        if (flavor is FoFlavor)
        {
            return path == "LegalEntities" && model.Find("LegalEntities") is null ? LegalEntities(organization, serviceRoot) : null;
        }

        if (path is "WhoAmI" or "WhoAmI()")
        {
            return Json(serviceRoot, "Microsoft.Dynamics.CRM.WhoAmIResponse", writer =>
            {
                writer.WriteString("BusinessUnitId", organization.BusinessUnitId);
                writer.WriteString("UserId", organization.UserId);
                writer.WriteString("OrganizationId", organization.OrganizationId);
            });
        }

        if (UserPrivilegesPath().Match(path) is { Success: true } privileges)
        {
            return Guid.TryParse(privileges.Groups["id"].Value, out var user) && user == organization.UserId
                ? UserPrivileges(model, organization, serviceRoot)
                : ResponseWriter.Error(404, "0x80040217", $"systemuser With Id = {privileges.Groups["id"].Value} Does Not Exist");
        }

        if (EntityDefinitionPath().Match(path) is { Success: true } definition)
        {
            var logicalName = definition.Groups["name"].Value;
            var set = model.EntitySets.FirstOrDefault(s => string.Equals(s.EntityType.Name, logicalName, StringComparison.Ordinal));
            if (set is null)
            {
                return ResponseWriter.Error(404, "0x80040217", $"Could not find an entity with name {logicalName}.");
            }

            if (definition.Groups["keys"].Success)
            {
                return Json(serviceRoot, $"EntityDefinitions('{set.EntityType.Name}')/Keys", writer =>
                {
                    writer.WriteStartArray("value");
                    WriteKeys(writer, set, organization);
                    writer.WriteEndArray();
                });
            }

            var expandKeys = request.Uri.Query.Contains("Keys", StringComparison.Ordinal);
            return Json(serviceRoot, "EntityDefinitions/$entity", writer => WriteDefinition(writer, set, organization, expandKeys));
        }

        return null;
    }

    /// <summary>
    /// Refuses a row request whose privilege the caller lacks: GET needs Read, POST Create, DELETE Delete, PATCH Write
    /// (Create for an upsert with <c>If-None-Match: *</c>), as the Web API checks them.
    /// </summary>
    public static void Authorize(ServiceFlavor flavor, ServiceOrganization organization, ParsedRequest parsed)
    {
        var request = parsed.Request;
        var type = request.Method switch
        {
            "GET" => "Read",
            "POST" => "Create",
            "DELETE" => "Delete",
            _ when request.Headers.TryGetValue("If-None-Match", out var none) && none == "*" => "Create",
            _ => "Write",
        };
        if (organization.Depth(parsed.Set.Name, type) is not null)
        {
            return;
        }

        var logicalName = parsed.Set.EntityType.Name;
        if (flavor is FoFlavor)
        {
            throw new ODataServiceException(403, "Forbidden", $"Access denied: the user's security roles grant no {type} access to the entity '{parsed.Set.Name}'.");
        }

        throw new ODataServiceException(403, "0x80040220",
            $"Principal user (Id={organization.UserId}, type=8), is missing prv{type}{logicalName} privilege (Id={ServiceOrganization.PrivilegeId(logicalName, type)}) for entity '{logicalName}'. Consider adding missed privilege to one of the principal (user/team) roles.");
    }

    private static ODataResponse LegalEntities(ServiceOrganization organization, Uri serviceRoot) =>
        Json(serviceRoot, "LegalEntities(LegalEntityId,Name)", writer =>
        {
            writer.WriteStartArray("value");
            foreach (var id in organization.LegalEntities)
            {
                writer.WriteStartObject();
                writer.WriteString("@odata.etag", "W/\"1\"");
                writer.WriteString("LegalEntityId", id);
                writer.WriteString("Name", id);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    private static ODataResponse UserPrivileges(ServiceModel model, ServiceOrganization organization, Uri serviceRoot) =>
        Json(serviceRoot, "Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse", writer =>
        {
            writer.WriteStartArray("RolePrivileges");
            foreach (var set in model.EntitySets)
            {
                foreach (var type in ServiceOrganization.PrivilegeTypes)
                {
                    if (organization.Depth(set.Name, type) is { } depth)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("Depth", depth);
                        writer.WriteString("PrivilegeId", ServiceOrganization.PrivilegeId(set.EntityType.Name, type));
                        writer.WriteString("BusinessUnitId", organization.BusinessUnitId);
                        writer.WriteString("PrivilegeName", $"prv{type}{set.EntityType.Name}");
                        writer.WriteEndObject();
                    }
                }
            }

            writer.WriteEndArray();
        });

    private static void WriteDefinition(Utf8JsonWriter writer, EntitySetInfo set, ServiceOrganization organization, bool expandKeys)
    {
        var logicalName = set.EntityType.Name;
        writer.WriteString("LogicalName", logicalName);
        writer.WriteString("EntitySetName", set.Name);
        writer.WriteBoolean("ChangeTrackingEnabled", organization.ChangeTrackingEnabled(set.Name));
        writer.WriteStartArray("Privileges");
        foreach (var type in ServiceOrganization.PrivilegeTypes)
        {
            writer.WriteStartObject();
            writer.WriteString("Name", $"prv{type}{logicalName}");
            writer.WriteString("PrivilegeId", ServiceOrganization.PrivilegeId(logicalName, type));
            writer.WriteString("PrivilegeType", type);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (expandKeys)
        {
            writer.WriteStartArray("Keys");
            WriteKeys(writer, set, organization);
            writer.WriteEndArray();
        }
    }

    private static void WriteKeys(Utf8JsonWriter writer, EntitySetInfo set, ServiceOrganization organization)
    {
        foreach (var key in set.AlternateKeys)
        {
            var attributes = key.Select(ServiceOrganization.AttributeName).ToList();
            writer.WriteStartObject();
            writer.WriteString("LogicalName", set.EntityType.Name + "_" + string.Join("_", attributes) + "_key");
            writer.WriteStartArray("KeyAttributes");
            foreach (var attribute in attributes)
            {
                writer.WriteStringValue(attribute);
            }

            writer.WriteEndArray();
            writer.WriteString("EntityKeyIndexStatus", organization.KeyIndexStatus(set.Name, key));
            writer.WriteEndObject();
        }
    }

    private static ODataResponse Json(Uri serviceRoot, string context, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", $"{serviceRoot}$metadata#{context}");
            body(writer);
            writer.WriteEndObject();
        }

        return new ODataResponse(200, new Dictionary<string, string> { ["Content-Type"] = "application/json; odata.metadata=minimal", ["OData-Version"] = "4.0" }, stream.ToArray());
    }

    [GeneratedRegex(@"^EntityDefinitions\(LogicalName='(?<name>[A-Za-z0-9_]+)'\)(?<keys>/Keys)?$")]
    private static partial Regex EntityDefinitionPath();

    [GeneratedRegex(@"^systemusers\((?<id>[^)]+)\)/Microsoft\.Dynamics\.CRM\.RetrieveUserPrivileges(\(\))?$")]
    private static partial Regex UserPrivilegesPath();
}
