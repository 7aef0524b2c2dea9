using System.Collections.Generic;

namespace DualWrite.LocalOData.Model;

/// <summary>A single-valued navigation property with a referential constraint: the dependent columns that must name a row of the target set (F&amp;O's <c>CustomerGroup</c> by <c>dataAreaId</c> and <c>CustomerGroupId</c>).</summary>
/// <param name="NavigationName">The navigation property.</param>
/// <param name="TargetSet">The entity set it points to.</param>
/// <param name="Columns">The dependent columns, in constraint order.</param>
/// <param name="TargetColumns">The target's columns they match, in the same order.</param>
public sealed record ReferenceInfo(string NavigationName, string TargetSet, IReadOnlyList<string> Columns, IReadOnlyList<string> TargetColumns);
