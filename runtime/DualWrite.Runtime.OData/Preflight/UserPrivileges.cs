using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>
/// The privileges the caller holds, by privilege id, with their depth: <c>WhoAmI</c> names the user, and the user's
/// <c>RetrieveUserPrivileges</c> lists what its roles and teams grant (<c>RolePrivileges</c>: <c>PrivilegeId</c>, <c>Depth</c>).
/// </summary>
internal static class UserPrivileges
{
    /// <summary>The privileges by id, or null (with a warning added) when the service does not tell.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>?> ReadAsync(PreflightHttp http, List<PreflightFinding> findings, CancellationToken cancellationToken)
    {
        var whoAmI = await http.GetAsync("WhoAmI", cancellationToken).ConfigureAwait(false);
        string? reason = whoAmI.Reason;
        if (whoAmI.Body is { } identity && identity.TryGetProperty("UserId", out var userId) && userId.TryGetGuid(out var user))
        {
            var answer = await http.GetAsync($"systemusers({user:D})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()", cancellationToken).ConfigureAwait(false);
            reason = answer.Reason;
            if (answer.Body is { } body && body.TryGetProperty("RolePrivileges", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                var held = new Dictionary<Guid, string>();
                foreach (var privilege in list.EnumerateArray())
                {
                    if (privilege.TryGetProperty("PrivilegeId", out var id) && id.TryGetGuid(out var guid))
                    {
                        var depth = privilege.TryGetProperty("Depth", out var value) ? value.GetString() ?? string.Empty : string.Empty;
                        held[guid] = Deeper(held.GetValueOrDefault(guid), depth);
                    }
                }

                return held;
            }
        }

        findings.Add(new PreflightFinding(null, Side.Dataverse, null, null, null, null, PreflightSeverity.Warning,
            $"The application user's privileges could not be read ({reason ?? "WhoAmI named no user"}); the privilege checks are not made.",
            "Let the application user read its own user record (prvReadUser), which WhoAmI and RetrieveUserPrivileges need."));
        return null;
    }

    /// <summary>The depths from narrowest to widest; a user holds a privilege at the widest depth any of its roles grants.</summary>
    public static readonly IReadOnlyList<string> Depths = new[] { "Basic", "Local", "Deep", "Global" };

    private static string Deeper(string? first, string second) =>
        first is null || IndexOf(second) > IndexOf(first) ? second : first;

    private static int IndexOf(string depth)
    {
        for (var i = 0; i < Depths.Count; i++)
        {
            if (string.Equals(Depths[i], depth, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
