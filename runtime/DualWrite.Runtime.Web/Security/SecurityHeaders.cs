using System.Threading.Tasks;
using DualWrite.Runtime.Web.Html;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Security;

/// <summary>
/// Sets the page's security headers on every response (its own script and style only, no framing, no sniffing, no
/// caching) and notes whether the user may act, so that pages show action buttons only to those who may use them.
/// </summary>
internal sealed class SecurityHeaders : IEndpointFilter
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        Apply(http.Response.Headers);
        var authorization = http.RequestServices.GetService(typeof(IAuthorizationService)) as IAuthorizationService;
        http.Items[PageRoot.CanActKey] = authorization is not null
            && (await authorization.AuthorizeAsync(http.User, DualWritePageOptions.ActPolicy).ConfigureAwait(false)).Succeeded;
        return await next(context).ConfigureAwait(false);
    }

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = Policy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
    }
}
