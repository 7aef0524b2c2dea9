using System;
using System.Linq;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Web.Actions;
using DualWrite.Runtime.Web.Html;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>One map: its definition as compiled, its place in the initial-sync order, and the actions its state allows.</summary>
internal static class MapPage
{
    public static IResult Render(PageContext page, DualWriteRuntime runtime, DualWriteMapSet definition, string name)
    {
        if (runtime.Maps.FirstOrDefault(m => m.Name == name) is not { } map)
        {
            return Results.NotFound();
        }

        var state = runtime.GetMapState(map.Name);
        var order = runtime.Maps.Select(m => m.Name).ToList().IndexOf(map.Name) + 1;
        var path = "/maps/" + Uri.EscapeDataString(map.Name);
        return Layout.Page(page, "Map " + map.Name, html =>
        {
            html.Raw("<p>State: ").Element("strong", state.ToString(), ("class", "state-" + state), ("data-testid", "map-state")).Raw("</p>");
            if (page.CanAct)
            {
                html.Raw("<p>");
                foreach (var action in MapAction.AllowedIn(state))
                {
                    html.Link(page.Url(path + "/confirm/" + action.Name), action.Label, "action-" + action.Name).Raw(" ");
                }

                html.Raw("</p>");
            }

            html.Raw("<p>").Link(page.Url(path + "/queue"), "Staged changes", "queue-link").Raw(" · ")
                .Link(page.Url("/errors?map=" + Uri.EscapeDataString(map.Name)), "Errors", "errors-link").Raw("</p>");
            html.Raw("<p>").Link(page.Url(path + "/activity"), "Activity log", "activity-link").Raw("</p>");
            html.Raw("<h2>Definition</h2><table data-testid=\"definition\">");
            html.Row(["F&O entity set", map.Fo.EntitySet]);
            html.Row(["Dataverse entity set", map.Dataverse.EntitySet]);
            html.Row(["Direction", map.Direction.ToString()]);
            html.Row(["Company scope", map.Company.ToString()]);
            html.Row(["Conflicts", map.Conflict.ToString()]);
            html.Row(["Deletes", map.Deletes.ToString()]);
            html.Row(["Integration key (F&O)", string.Join(", ", map.FoKeyPaths)]);
            html.Row(["Integration key (Dataverse)", string.Join(", ", map.DataverseKeyPaths)]);
            html.Row(["F&O filter (X++)", map.FoFilter ?? "none"]);
            html.Row(["F&O filter as OData $filter", map.FoODataFilter ?? "none"]);
            html.Row(["Dataverse filter (OData $filter)", map.DataverseFilter ?? "none"]);
            html.Row(["Initial-sync order", $"{order} of {runtime.Maps.Count}" + (map.DependsOn.Count == 0 ? string.Empty : " (after " + string.Join(", ", map.DependsOn) + ")")]);
            html.Raw("</table><h2>Fields</h2>");
            MapFieldsTable.Write(html, map);
            html.Raw("<h2>Number ranges</h2><table data-testid=\"number-ranges\">");
            html.Head("Sequence", "Field", "F&O range", "Dataverse range");
            foreach (var sequence in definition.NumberSequences.Where(n => n.MapName == map.Name))
            {
                html.Row([sequence.Name, sequence.Field, sequence.FoRange, sequence.DataverseRange]);
            }

            html.Raw("</table><h2>Entity properties</h2><table data-testid=\"properties\">");
            html.Head("Side", "Property", "Type");
            foreach (var (side, entity) in new[] { ("F&O", map.Fo), ("Dataverse", map.Dataverse) })
            {
                foreach (var property in entity.Properties)
                {
                    html.Row([side, property.Name, property.Reference is { } target ? "lookup to " + target.EntitySet : property.EdmType]);
                }
            }

            html.Raw("</table>");
        });
    }

    public static IResult Confirm(PageContext page, DualWriteRuntime runtime, string name, string actionName)
    {
        if (runtime.Maps.FirstOrDefault(m => m.Name == name) is not { } map || MapAction.Named(actionName) is not { } action)
        {
            return Results.NotFound();
        }

        var path = "/maps/" + Uri.EscapeDataString(map.Name);
        return Layout.Page(page, action.Label + " " + map.Name, html =>
        {
            html.Element("p", action.Question);
            page.OpenForm(html, path + "/" + action.Name, "confirm-form");
            if (action == MapAction.InitialSync)
            {
                html.Raw("<p>Master: <label><input type=\"radio\" name=\"master\" value=\"Fo\" checked> F&amp;O</label> ")
                    .Raw("<label><input type=\"radio\" name=\"master\" value=\"Dataverse\"> Dataverse</label></p>");
            }

            html.Element("button", "Confirm: " + action.Label.ToLowerInvariant(), ("type", "submit"), ("data-testid", "confirm"));
            html.Raw("</form>");
            html.Link(page.Url(path), "Cancel", "cancel");
        });
    }
}
