using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Security;

/// <summary>Refuses (400) a POST whose antiforgery token is missing or does not belong to the user, before anything acts.</summary>
internal sealed class AntiforgeryCheck : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var antiforgery = (IAntiforgery)http.RequestServices.GetService(typeof(IAntiforgery))!;
        try
        {
            await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest("The form's antiforgery token is missing or invalid; reload the page and try again.");
        }

        return await next(context).ConfigureAwait(false);
    }
}
