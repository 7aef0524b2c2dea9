using System.IO;
using DualWrite.Runtime.Web.Security;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Html;

/// <summary>The page's script and style sheet, served from the package's own assembly.</summary>
internal static class EmbeddedAsset
{
    public static IResult Serve(HttpContext http, string name, string contentType)
    {
        SecurityHeaders.Apply(http.Response.Headers);
        var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream("DualWrite.Runtime.Web." + name)
            ?? throw new FileNotFoundException($"The package ships no asset '{name}'.");
        return Results.Stream(stream, contentType);
    }
}
