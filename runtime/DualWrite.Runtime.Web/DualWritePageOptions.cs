using System;
using Microsoft.AspNetCore.Authorization;

namespace DualWrite.Runtime.Web;

/// <summary>How the operations page is served and who may use it.</summary>
public sealed class DualWritePageOptions
{
    /// <summary>The policy a user must meet to read any page.</summary>
    public const string ReadPolicy = "DualWrite.Read";

    /// <summary>The policy a user must meet (besides <see cref="ReadPolicy"/>) to act: pause, resume, stop, run, retry, discard.</summary>
    public const string ActPolicy = "DualWrite.Act";

    /// <summary>The role the default <see cref="ActPolicy"/> asks for.</summary>
    public const string OperatorRole = "DualWriteOperator";

    /// <summary>Whether the page is served at all; off by default, so that adding the package exposes nothing.</summary>
    public bool Enabled { get; set; }

    /// <summary>Builds <see cref="ReadPolicy"/>; by default it asks for an authenticated user.</summary>
    public Action<AuthorizationPolicyBuilder> Read { get; set; } = policy => policy.RequireAuthenticatedUser();

    /// <summary>Builds <see cref="ActPolicy"/>; by default it asks for an authenticated user in <see cref="OperatorRole"/>.</summary>
    public Action<AuthorizationPolicyBuilder> Act { get; set; } = policy => policy.RequireAuthenticatedUser().RequireRole(OperatorRole);

    /// <summary>How many rows a list page shows.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>How often the overview's live figures are sent.</summary>
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromSeconds(1);
}
