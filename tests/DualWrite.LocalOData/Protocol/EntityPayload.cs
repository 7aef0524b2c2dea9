using System;
using System.Collections.Generic;

namespace DualWrite.LocalOData.Protocol;

/// <summary>An entity read from a request body: its property values (as ODataLib read them) and its <c>@odata.bind</c> references.</summary>
/// <param name="Properties">Property name to value.</param>
/// <param name="Binds">Navigation property name to the bound entity's URL.</param>
public sealed record EntityPayload(IReadOnlyDictionary<string, object?> Properties, IReadOnlyDictionary<string, Uri> Binds);
