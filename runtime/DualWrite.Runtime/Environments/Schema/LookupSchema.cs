namespace DualWrite.Runtime.Environments.Schema;

/// <summary>
/// A single-valued navigation property of a Dataverse table: the lookup <c>x</c> (or <c>x_table</c> for one target
/// of a polymorphic lookup) stored in its <c>_x_value</c> column.
/// </summary>
/// <param name="Name">The navigation property's name, as generated entity classes name the lookup.</param>
/// <param name="ValueColumn">The column holding the looked-up row's primary key.</param>
/// <param name="TargetTable">The looked-up table (its entity set).</param>
/// <param name="IsPolymorphic">Whether other navigation properties share <paramref name="ValueColumn"/>.</param>
public sealed record LookupSchema(string Name, string ValueColumn, string TargetTable, bool IsPolymorphic);
