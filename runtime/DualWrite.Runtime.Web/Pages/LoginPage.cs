using System;
using System.Threading.Tasks;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Security;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>The form where a one-time login code is entered.</summary>
internal static class LoginPage
{
    public static IResult Render(PageContext page, bool failed = false) =>
        Layout.Page(page, "Sign in", html =>
        {
            if (failed)
            {
                html.Element("p", "That code is unknown or was used already.", ("class", "notice"), ("data-testid", "login-failed"));
            }

            page.OpenForm(html, "/login" + page.Http.Request.QueryString, "login-form");
            html.Raw("<label>One-time login code ").Open("input", ("name", "code"), ("type", "password"), ("autocomplete", "off"), ("data-testid", "code")).Raw("</label> ");
            html.Element("button", "Sign in", ("type", "submit"), ("data-testid", "sign-in")).Raw("</form>");
        });

    public static async Task<IResult> SignInAsync(HttpContext http, PageContext page, DualWriteOneTimeLogins logins)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!await logins.SignInAsync(http, form["code"].ToString()).ConfigureAwait(false))
        {
            return Render(page, failed: true);
        }

        var returnUrl = http.Request.Query["ReturnUrl"].ToString();
        return Results.Redirect(returnUrl.StartsWith(page.BasePath, StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : page.Url("/"));
    }
}
