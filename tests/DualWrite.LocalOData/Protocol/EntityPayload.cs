using System;
using System.Collections.Generic;

namespace DualWrite.LocalOData.Protocol;

/// <summary>An entity read from a request body: its property values (as ODataLib read them), its <c>@odata.bind</c> references and the lookups it clears.</summary>
/// <param name="Properties">Property name to value.</param>
/// <param name="Binds">Navigation property name to the bound entity's URL.</param>
/// <param name="Cleared">Names the body sets to null as lookups (<c>"nav@odata.bind": null</c> or <c>"nav": null</c>).</param>
public sealed record EntityPayload(IReadOnlyDictionary<string, object?> Properties, IReadOnlyDictionary<string, Uri> Binds, IReadOnlyList<string> Cleared);
