namespace DualWrite.Runtime.Web.Html;

/// <summary>Endpoint metadata naming the path the page is mapped under, so its links follow wherever the host mounts it.</summary>
/// <param name="Prefix">The path given to MapDualWritePage.</param>
internal sealed record PageRoot(string Prefix)
{
    /// <summary>The request item that says the user meets the act policy (links and buttons for actions are shown only then).</summary>
    public const string CanActKey = "DualWrite.CanAct";
}
