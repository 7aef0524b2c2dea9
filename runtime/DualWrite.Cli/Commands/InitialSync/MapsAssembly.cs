using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace DualWrite.Cli.Commands.InitialSync;

/// <summary>
/// The generated <c>DualWriteMaps</c> of a user's assembly. The tool has no maps of its own, and the runtime needs the
/// compiled ones (their typed transforms and filters), so it loads the assembly the generator built.
/// </summary>
internal static class MapsAssembly
{
    /// <summary>The maps in their initial-sync order; null, with the reason written to <paramref name="error"/>, when the assembly has none.</summary>
    public static IReadOnlyList<IDualWriteMap>? Load(string path, string command, TextWriter error)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            error.WriteLine($"dualwrite {command}: --maps '{path}' does not exist.");
            return null;
        }

        Assembly assembly;
        Type[] types;
        try
        {
            assembly = new MapsLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
            types = assembly.GetExportedTypes();
        }
        catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException)
        {
            error.WriteLine($"dualwrite {command}: --maps '{path}' cannot be loaded: {exception.Message}");
            return null;
        }

        // The generator emits one static class DualWriteMaps per project, in the project's namespace.
        var candidates = types
            .Where(t => t is { Name: "DualWriteMaps", IsAbstract: true, IsSealed: true })
            .Select(t => (Type: t, All: t.GetProperty("All", BindingFlags.Public | BindingFlags.Static)))
            .Where(c => c.All is not null && typeof(IReadOnlyList<IDualWriteMap>).IsAssignableFrom(c.All.PropertyType))
            .ToList();
        if (candidates.Count != 1)
        {
            error.WriteLine(candidates.Count == 0
                ? $"dualwrite {command}: {assembly.GetName().Name} has no generated DualWriteMaps class; build the project that holds the maps and pass its assembly."
                : $"dualwrite {command}: {assembly.GetName().Name} has several DualWriteMaps classes ({string.Join(", ", candidates.Select(c => c.Type.FullName))}).");
            return null;
        }

        return (IReadOnlyList<IDualWriteMap>)candidates[0].All!.GetValue(null)!;
    }

    /// <summary>
    /// Loads the maps' assembly and its own dependencies from its folder, but takes every assembly the tool itself ships
    /// (DualWrite.Abstractions above all) from the tool: the maps must implement the tool's <see cref="IDualWriteMap"/>
    /// for the runtime to see them, and a second copy would be another type.
    /// </summary>
    private sealed class MapsLoadContext : AssemblyLoadContext
    {
        private static readonly HashSet<string> Shared = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        private readonly string _folder;

        public MapsLoadContext(string path)
            : base("dualwrite maps: " + Path.GetFileName(path)) => _folder = Path.GetDirectoryName(path)!;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is null || Shared.Contains(assemblyName.Name))
            {
                return null;
            }

            var candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
