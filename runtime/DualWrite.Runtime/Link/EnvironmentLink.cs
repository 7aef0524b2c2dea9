using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.Link;

/// <summary>The link between one F&amp;O environment and one Dataverse environment, with the legal entities that flow.</summary>
/// <param name="FoEnvironmentId">The F&amp;O environment's identity.</param>
/// <param name="DataverseEnvironmentId">The Dataverse environment's identity.</param>
/// <param name="Companies">The linked legal entities (<c>dataAreaId</c> = <c>cdm_companycode</c>); records of other companies do not flow.</param>
/// <param name="LinkedAt">When the link was made or last remade.</param>
public sealed record EnvironmentLink(string FoEnvironmentId, string DataverseEnvironmentId, IReadOnlyList<string> Companies, DateTimeOffset LinkedAt);
