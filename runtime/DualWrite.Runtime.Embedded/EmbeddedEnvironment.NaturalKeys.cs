using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>The table's own key of an entity, for an ordinary writer's <see cref="Save{T}"/> and <see cref="Delete{T}"/>.</summary>
public sealed partial class EmbeddedEnvironment
{
    private (IReadOnlyList<KeyPath> Paths, IReadOnlyList<object?> Values) NaturalKey<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var table = Schema.GetTable(descriptor);
        var keys = Side == Side.Fo || table.AlternateKeys.Count == 0 ? new[] { table.PrimaryKey } : table.AlternateKeys;
        foreach (var key in keys)
        {
            var paths = new List<KeyPath>();
            if (key.All(column => AddPaths(table, descriptor, column, Array.Empty<string>(), paths)))
            {
                return (paths, paths.Select(path => path.ReadValue(descriptor, entity)).ToList());
            }
        }

        throw new NotSupportedException($"{descriptor.ClrType.Name} does not carry a complete key of {table.Name}, so its row cannot be found.");
    }

    private bool AddPaths(TableSchema table, IEntityDescriptor descriptor, string column, string[] lookups, List<KeyPath> paths)
    {
        var lookup = table.Lookups.FirstOrDefault(l => string.Equals(l.ValueColumn, column, StringComparison.OrdinalIgnoreCase) && Property(descriptor, l.Name)?.Reference is not null);
        if (lookup is null)
        {
            if (Property(descriptor, column) is null)
            {
                return false;
            }

            paths.Add(new KeyPath([.. lookups, column]));
            return true;
        }

        var target = Schema.GetTable(lookup.TargetTable);
        var reference = Property(descriptor, lookup.Name)!.Reference!;
        var targetKey = target.AlternateKeys.Count > 0 ? target.AlternateKeys[0] : target.PrimaryKey;
        return targetKey.All(c => AddPaths(target, reference, c, [.. lookups, lookup.Name], paths));
    }

    private static IEntityProperty? Property(IEntityDescriptor descriptor, string name) =>
        descriptor.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
