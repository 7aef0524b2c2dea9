namespace DualWrite.LocalOData.Model;

/// <summary>A single-valued navigation property whose foreign key is one column, as Dataverse lookups (<c>x</c> plus <c>_x_value</c>) and F&amp;O's referential constraints are.</summary>
/// <param name="NavigationName">The navigation property, named in <c>nav@odata.bind</c>.</param>
/// <param name="Column">The dependent column holding the target's key.</param>
/// <param name="TargetSet">The entity set the navigation binds to.</param>
public sealed record LookupInfo(string NavigationName, string Column, string TargetSet);
