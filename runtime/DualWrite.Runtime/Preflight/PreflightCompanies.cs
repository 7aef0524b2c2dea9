using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.Preflight;

/// <summary>The legal entities a preflight expects in both environments.</summary>
/// <param name="Codes">The legal entities' codes (F&amp;O's <c>dataAreaId</c>); none: the company checks are not made.</param>
/// <param name="Linked">
/// Whether they are linked already. Linking creates Dataverse's missing company rows, so they are checked only after the
/// link, when a missing one fails company-specific writes.
/// </param>
public sealed record PreflightCompanies(IReadOnlyCollection<string> Codes, bool Linked)
{
    /// <summary>No companies: the company checks are not made.</summary>
    public static PreflightCompanies None { get; } = new(Array.Empty<string>(), Linked: false);
}
