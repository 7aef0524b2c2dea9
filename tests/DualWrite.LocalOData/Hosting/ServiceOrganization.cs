using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace DualWrite.LocalOData.Hosting;

/// <summary>
/// What a service says about itself beside its rows, set by tests: the caller's identity and privileges, each table's
/// change tracking and alternate keys' index status (Dataverse), and the legal entities (F&amp;O). By default everything
/// is in order: change tracking on, every key Active, every privilege held at Global depth, the default company a legal
/// entity. The README's "Organization" section cites the documentation of each answer.
/// </summary>
public sealed class ServiceOrganization
{
    /// <summary>The privilege types the services know, as Dataverse's <c>PrivilegeType</c> names them.</summary>
    public static readonly IReadOnlyList<string> PrivilegeTypes = new[] { "Create", "Read", "Write", "Delete", "Append", "AppendTo" };

    private readonly ConcurrentDictionary<string, bool> _changeTracking = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _keyStatus = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _depths = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _legalEntities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the organization; <paramref name="defaultCompany"/> is its one legal entity to begin with.</summary>
    public ServiceOrganization(string defaultCompany) => _legalEntities[defaultCompany.ToUpperInvariant()] = true;

    /// <summary>The caller's user id, as <c>WhoAmI</c> answers it.</summary>
    public Guid UserId { get; } = StableId("user");

    /// <summary>The caller's business unit.</summary>
    public Guid BusinessUnitId { get; } = StableId("business unit");

    /// <summary>The organization.</summary>
    public Guid OrganizationId { get; } = StableId("organization");

    /// <summary>The legal entities (F&amp;O's <c>LegalEntities</c>), in order.</summary>
    public IReadOnlyList<string> LegalEntities => _legalEntities.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Turns "Track changes" on or off for a table (Dataverse's <c>ChangeTrackingEnabled</c>).</summary>
    public void SetChangeTracking(string entitySet, bool enabled) => _changeTracking[entitySet] = enabled;

    /// <summary>Whether a table tracks changes.</summary>
    public bool ChangeTrackingEnabled(string entitySet) => _changeTracking.GetValueOrDefault(entitySet, true);

    /// <summary>
    /// Sets the index status of the alternate key made of <paramref name="columns"/> (properties or attributes:
    /// <c>_msdyn_company_value</c> or <c>msdyn_company</c>): Pending, InProgress, Active or Failed.
    /// </summary>
    public void SetKeyIndexStatus(string entitySet, string status, params string[] columns)
    {
        if (!new[] { "Pending", "InProgress", "Active", "Failed" }.Contains(status, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{status}' is not an EntityKeyIndexStatus member.", nameof(status));
        }

        _keyStatus[KeyName(entitySet, columns)] = status;
    }

    /// <summary>The index status of an alternate key.</summary>
    public string KeyIndexStatus(string entitySet, IEnumerable<string> columns) => _keyStatus.GetValueOrDefault(KeyName(entitySet, columns), "Active");

    /// <summary>Takes a privilege on a table away from the caller: requests that need it are refused with 403.</summary>
    public void Revoke(string entitySet, string privilegeType) => _depths[PrivilegeKey(entitySet, privilegeType)] = "None";

    /// <summary>Gives the caller a privilege at a depth (Basic, Local, Deep, Global).</summary>
    public void Grant(string entitySet, string privilegeType, string depth = "Global") => _depths[PrivilegeKey(entitySet, privilegeType)] = depth;

    /// <summary>The depth at which the caller holds a privilege, or null when it does not.</summary>
    public string? Depth(string entitySet, string privilegeType) =>
        _depths.GetValueOrDefault(PrivilegeKey(entitySet, privilegeType), "Global") is var depth && depth == "None" ? null : depth;

    /// <summary>Adds a legal entity.</summary>
    public void AddLegalEntity(string id) => _legalEntities[id] = true;

    /// <summary>Removes a legal entity.</summary>
    public void RemoveLegalEntity(string id) => _legalEntities.TryRemove(id, out _);

    /// <summary>The id of a table's privilege: the same on every run, as a real organization's ids are.</summary>
    public static Guid PrivilegeId(string logicalName, string privilegeType) => StableId($"prv{privilegeType}{logicalName}");

    private static string PrivilegeKey(string entitySet, string privilegeType)
    {
        if (!PrivilegeTypes.Contains(privilegeType, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{privilegeType}' is not one of {string.Join(", ", PrivilegeTypes)}.", nameof(privilegeType));
        }

        return entitySet + "/" + privilegeType;
    }

    private static string KeyName(string entitySet, IEnumerable<string> columns) =>
        entitySet + "/" + string.Join(",", columns.Select(AttributeName).Select(c => c.ToLowerInvariant()).Order(StringComparer.Ordinal));

    /// <summary>The attribute behind a Web API property: a lookup's <c>_x_value</c> is the attribute <c>x</c>.</summary>
    public static string AttributeName(string property) =>
        property.StartsWith('_') && property.EndsWith("_value", StringComparison.Ordinal) && property.Length > "__value".Length
            ? property[1..^"_value".Length]
            : property;

    private static Guid StableId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("DualWrite.LocalOData/" + name)).AsSpan(0, 16));
}
