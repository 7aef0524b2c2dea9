using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;

namespace DualWrite.LocalOData.Tests.Support;

/// <summary>Seeds rows tests need through the service's own API.</summary>
public static class Rows
{
    public static async Task<Guid> CompanyAsync(LocalODataService dataverse, string code)
    {
        var row = await dataverse.InsertAsync("cdm_companies", new Dictionary<string, object?> { ["cdm_companycode"] = code, ["cdm_name"] = code + " Ltd" });
        return (Guid)row["cdm_companyid"]!;
    }

    /// <summary>An OData string literal for a URL: quotes doubled, then percent-encoded (non-ASCII as UTF-8).</summary>
    public static string Literal(string value) => "'" + Uri.EscapeDataString(value.Replace("'", "''")) + "'";
}
