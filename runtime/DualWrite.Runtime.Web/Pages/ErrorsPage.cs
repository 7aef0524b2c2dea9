using System;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>The error list, a page at a time, filtered by map, kind and record, with retry and discard for a selection or all.</summary>
internal static class ErrorsPage
{
    public static IResult Render(PageContext page, DualWriteRuntime runtime, DualWriteEnvironments environments, IOptions<DualWriteOptions> options)
    {
        var filter = ErrorQuery.From(page.Query);
        var pages = StatePages.Of(environments.State);
        var errors = pages.GetErrorPage(filter, page.After, page.Options.PageSize);
        var total = pages.CountErrors(filter);
        return Layout.Page(page, "Errors", html =>
        {
            html.Open("form", ("method", "get"), ("action", page.Url("/errors")), ("class", "block"), ("data-testid", "filter"));
            html.Raw("<label>Map <select name=\"map\" data-testid=\"filter-map\"><option value=\"\">all</option>");
            foreach (var map in runtime.Maps)
            {
                html.Element("option", map.Name, ("value", map.Name), ("selected", map.Name == filter.Map ? "selected" : null));
            }

            html.Raw("</select></label> <label>Kind <select name=\"kind\" data-testid=\"filter-kind\"><option value=\"\">all</option>");
            foreach (var kind in Enum.GetValues<SyncErrorKind>())
            {
                html.Element("option", kind.ToString(), ("value", kind.ToString()), ("selected", kind == filter.Kind ? "selected" : null));
            }

            html.Raw("</select></label> <label>Integration key ").Open("input", ("name", "key"), ("value", filter.RecordKey), ("data-testid", "filter-key")).Raw("</label> ");
            html.Element("button", "Filter", ("type", "submit")).Raw("</form>");
            html.Raw("<p>").Element("span", total.ToString("N0", CultureInfo.InvariantCulture), ("data-testid", "error-total")).Raw(" entries match.</p>");

            if (page.CanAct)
            {
                page.OpenForm(html, "/errors/act", "errors-form");
                Hidden(html, "map", filter.Map);
                Hidden(html, "kind", filter.Kind?.ToString());
                Hidden(html, "key", filter.RecordKey);
            }

            html.Raw("<table data-testid=\"errors\">");
            html.Head("", "Map", "Record", "Kind", "Change", "Reason", "Attempts", "First failed", "Last failed", "Waiting behind");
            var state = options.Value.StatePath;
            foreach (var error in errors)
            {
                var id = error.Id.ToString(CultureInfo.InvariantCulture);
                html.Open("tr", ("data-error", id)).Raw("<td>");
                if (page.CanAct)
                {
                    html.Open("input", ("type", "checkbox"), ("name", "id"), ("value", id), ("data-testid", "select-" + id));
                }

                html.Raw("</td>").Element("td", error.Map).Raw("<td>").Link(page.Url("/errors/" + id), error.RecordKeyAsWritten, "error-link").Raw("</td>");
                html.Element("td", error.Kind.ToString()).Element("td", $"{error.Operation} on {error.Side}")
                    .Element("td", state is null ? error.Reason : StateLocation.HideSecrets(error.Reason, state))
                    .Element("td", error.Attempts.ToString(CultureInfo.InvariantCulture))
                    .Element("td", error.FirstFailedAt.ToString("u", CultureInfo.InvariantCulture))
                    .Element("td", error.FailedAt.ToString("u", CultureInfo.InvariantCulture))
                    .Element("td", error.WaitingChanges.ToString(CultureInfo.InvariantCulture)).Raw("</tr>");
            }

            html.Raw("</table>");
            if (page.CanAct)
            {
                html.Raw("<p>Selected: ");
                Submit(html, "retry", "Retry", "retry-selected");
                Submit(html, "source", "Retry with the current source", "source-selected");
                Submit(html, "discard", "Discard", "discard-selected");
                html.Raw("</p><p>Every entry the filter selects: ");
                Submit(html, "retry-all", "Retry all", "retry-all");
                Submit(html, "source-all", "Retry all with the current source", "source-all");
                Submit(html, "discard-all", "Discard all", "discard-all");
                html.Raw("</p></form>");
            }

            Layout.NextPage(html, page, "/errors", errors.Count == 0 ? 0 : errors[^1].Id, errors.Count);
        });
    }

    public static IResult RenderOne(PageContext page, DualWriteEnvironments environments, IOptions<DualWriteOptions> options, long id)
    {
        if (environments.State.GetPendingChange(id) is not { Reason: not null } pending)
        {
            return Results.NotFound();
        }

        var error = StatePages.Of(environments.State).GetErrorPage(new ErrorFilter(pending.Map, pending.RecordKey), id - 1, 1).FirstOrDefault(e => e.Id == id);
        if (error is null)
        {
            return Results.NotFound();
        }

        var state = options.Value.StatePath;
        return Layout.Page(page, "Error " + error.RecordKeyAsWritten, html =>
        {
            html.Raw("<table data-testid=\"error\">");
            html.Row(["Map", error.Map]);
            html.Row(["Record", error.RecordKeyAsWritten]);
            html.Row(["Kind", error.Kind.ToString()]);
            html.Row(["Change", $"{error.Operation} on {error.Side}"]);
            html.Row(["Reason", state is null ? error.Reason : StateLocation.HideSecrets(error.Reason, state)]);
            html.Row(["Attempts", error.Attempts.ToString(CultureInfo.InvariantCulture)]);
            html.Row(["First failed", error.FirstFailedAt.ToString("u", CultureInfo.InvariantCulture)]);
            html.Row(["Last failed", error.FailedAt.ToString("u", CultureInfo.InvariantCulture)]);
            html.Row(["Changes waiting behind it", error.WaitingChanges.ToString(CultureInfo.InvariantCulture)]);
            html.Raw("</table><h2>Payload</h2>").Element("pre", error.Payload, ("data-testid", "payload"));
            html.Raw("<p>").Link(page.Url("/history?map=" + Uri.EscapeDataString(error.Map) + "&key=" + Uri.EscapeDataString(error.RecordKey)), "Record history", "history-link").Raw("</p>");
            if (page.CanAct)
            {
                var fields = ("id", error.Id.ToString(CultureInfo.InvariantCulture));
                page.Button(html, "/errors/act", "Retry", "retry-one", fields, ("do", "retry"));
                page.Button(html, "/errors/act", "Retry with the current source", "source-one", fields, ("do", "source"));
                page.Button(html, "/errors/act", "Discard", "discard-one", fields, ("do", "discard"));
            }
        });
    }

    private static void Hidden(HtmlBuilder html, string name, string? value)
    {
        if (value is not null)
        {
            html.Open("input", ("type", "hidden"), ("name", name), ("value", value));
        }
    }

    private static void Submit(HtmlBuilder html, string action, string label, string testId) =>
        html.Element("button", label, ("type", "submit"), ("name", "do"), ("value", action), ("data-testid", testId)).Raw(" ");
}
