using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// A project's full map definition as the generator emits it in <c>DualWriteMaps</c>: the maps in their initial-sync
/// order and the number sequences that refuse new records numbered in the other side's range. The two travel together,
/// because a runtime given the maps alone would write records the definition forbids; the dualwrite tool and
/// <c>AddDualWrite</c> build every runtime from one of these.
/// </summary>
public sealed class DualWriteMapSet
{
    /// <summary>The class the generator emits once per project, with its <c>All</c> and <c>NumberSequences</c> properties.</summary>
    public const string GeneratedClassName = "DualWriteMaps";

    /// <summary>A set of maps and the number sequences of their key fields.</summary>
    public DualWriteMapSet(IEnumerable<IDualWriteMap> maps, IEnumerable<NumberSequence> numberSequences)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(numberSequences);
        Maps = maps.ToList();
        NumberSequences = numberSequences.ToList();
    }

    /// <summary>The maps, in the order they run (lookups' owners first).</summary>
    public IReadOnlyList<IDualWriteMap> Maps { get; }

    /// <summary>The number sequences new records are checked against.</summary>
    public IReadOnlyList<NumberSequence> NumberSequences { get; }

    /// <summary>The maps' names, in the order they run.</summary>
    public IReadOnlyList<string> Names => Maps.Select(m => m.Name).ToList();

    /// <summary>The definition of the one generated <c>DualWriteMaps</c> class of <paramref name="assembly"/>.</summary>
    /// <exception cref="ArgumentException">The assembly has no such class, or several; the message says which.</exception>
    public static DualWriteMapSet FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var candidates = assembly.GetExportedTypes()
            .Where(t => t is { Name: GeneratedClassName, IsAbstract: true, IsSealed: true })
            .Select(t => (Type: t, Set: Read(t)))
            .Where(c => c.Set is not null)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0].Set!,
            0 => throw new ArgumentException($"{assembly.GetName().Name} has no generated {GeneratedClassName} class; build the project that holds the maps and pass its assembly.", nameof(assembly)),
            _ => throw new ArgumentException($"{assembly.GetName().Name} has several {GeneratedClassName} classes ({string.Join(", ", candidates.Select(c => c.Type.FullName))}).", nameof(assembly)),
        };
    }

    private static DualWriteMapSet? Read(Type generated)
    {
        var maps = generated.GetProperty("All", BindingFlags.Public | BindingFlags.Static);
        var numbers = generated.GetProperty(nameof(NumberSequences), BindingFlags.Public | BindingFlags.Static);
        if (maps is null || numbers is null
            || !typeof(IEnumerable<IDualWriteMap>).IsAssignableFrom(maps.PropertyType)
            || !typeof(IEnumerable<NumberSequence>).IsAssignableFrom(numbers.PropertyType))
        {
            return null;
        }

        return new DualWriteMapSet((IEnumerable<IDualWriteMap>)maps.GetValue(null)!, (IEnumerable<NumberSequence>)numbers.GetValue(null)!);
    }
}
