using DualWrite.Runtime.Web.Html;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>A map's field mappings as compiled: F&amp;O field, direction, Dataverse field and transform, key fields marked.</summary>
internal static class MapFieldsTable
{
    public static void Write(HtmlBuilder html, IDualWriteMap map)
    {
        html.Raw("<table data-testid=\"fields\">");
        html.Head("Key", "F&O field", "Direction", "Dataverse field", "Transform");
        foreach (var field in map.Fields)
        {
            html.Open("tr", ("data-fo", field.FoField), ("data-dataverse", field.DataversePath), ("class", field.IsKey ? "key" : null));
            html.Cells([field.IsKey ? "key" : string.Empty, field.FoField ?? "none", Arrow(field.Direction), field.DataversePath ?? "none", field.Description]);
            html.Raw("</tr>");
        }

        html.Raw("</table>");
    }

    private static string Arrow(SyncDirection direction) => direction switch
    {
        SyncDirection.ToDataverse => "→",
        SyncDirection.ToFo => "←",
        _ => "↔",
    };
}
