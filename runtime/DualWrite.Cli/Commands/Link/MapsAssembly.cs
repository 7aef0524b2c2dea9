using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using DualWrite.Runtime.Engine;

namespace DualWrite.Cli.Commands.Link;

/// <summary>
/// The generated <c>DualWriteMaps</c> of a user's assembly. The tool has no maps of its own, and the runtime needs the
/// compiled ones (their typed transforms, filters and number sequences), so it loads the assembly the generator built.
/// </summary>
internal static class MapsAssembly
{
    /// <summary>The <c>--maps</c> option; a command that applies changes requires it, the others use it to know maps that have not run yet.</summary>
    public static Option<string> Option(bool required) => new("--maps")
    {
        Description = required
            ? "The assembly the generator built from the maps (it holds the generated DualWriteMaps class), e.g. bin/Debug/net10.0/Contoso.Integration.dll."
            : "The assembly the generator built from the maps; names its maps to the command even before they have run.",
        Required = required,
    };

    /// <summary>The maps' full definition; null, with the reason written to <paramref name="error"/>, when the assembly has none.</summary>
    public static DualWriteMapSet? Load(string path, string command, TextWriter error)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            error.WriteLine($"dualwrite {command}: --maps '{path}' does not exist.");
            return null;
        }

        try
        {
            return DualWriteMapSet.FromAssembly(new MapsLoadContext(fullPath).LoadFromAssemblyPath(fullPath));
        }
        catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException)
        {
            error.WriteLine($"dualwrite {command}: --maps '{path}' cannot be loaded: {exception.Message}");
            return null;
        }
        catch (ArgumentException refused)
        {
            error.WriteLine($"dualwrite {command}: {refused.Message}");
            return null;
        }
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
