using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace DualWrite.Samples.Tests.OData;

/// <summary>
/// The files of the sample project (<c>dsl-samples/Contoso.Integration</c>) at run time: copied next to the assembly
/// under <c>samples/</c>, else found in the repository (the directory holding <c>DualWrite.Compiler.sln</c>, walking
/// up from the assembly; BenchmarkDotNet runs its builds under the bench project's <c>bin/</c>).
/// </summary>
/// <remarks>Also compiled into <c>bench/DualWrite.Benchmarks</c> (linked), so the benchmark runs the evaluator these tests check.</remarks>
internal static class SampleFiles
{
    private static readonly ConcurrentDictionary<string, IEdmModel> Models = new(StringComparer.Ordinal);

    /// <summary>The F&amp;O <c>$metadata</c> of the samples (the schema of <c>FoODataFilter</c>).</summary>
    public static IEdmModel FoModel => Model("schemas/fo.metadata.xml");

    /// <summary>The Dataverse <c>$metadata</c> of the samples (the schema of <c>filter dataverse</c>).</summary>
    public static IEdmModel DataverseModel => Model("schemas/dataverse.metadata.xml");

    /// <summary>The full path of a sample file, <paramref name="relative"/> to <c>dsl-samples/Contoso.Integration</c>.</summary>
    public static string PathOf(string relative)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "samples", relative);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DualWrite.Compiler.sln")))
            {
                var inRepo = Path.Combine(dir.FullName, "dsl-samples", "Contoso.Integration", relative);
                if (File.Exists(inRepo))
                {
                    return inRepo;
                }

                break;
            }
        }

        throw new FileNotFoundException("sample file not found beside the assembly nor in the repository", relative);
    }

    /// <summary>
    /// A CSDL schema of the samples, read once with <see cref="CsdlReader"/>. Unexpected attributes are ignored: the
    /// Dataverse sample marks <c>versionnumber</c> with <c>ConcurrencyMode="Fixed"</c>, a CSDL 3 attribute that a
    /// strict CSDL 4 read refuses (the generator's own reader ignores it too).
    /// </summary>
    public static IEdmModel Model(string relative) => Models.GetOrAdd(relative, static r =>
    {
        using var reader = XmlReader.Create(PathOf(r));
        if (!CsdlReader.TryParse(reader, ignoreUnexpectedAttributesAndElements: true, out IEdmModel model, out var errors))
        {
            throw new InvalidOperationException("CsdlReader refused " + r + ": " + string.Join("; ", errors));
        }

        return model;
    });

    /// <summary>
    /// The text of one <c>filter</c> clause (<paramref name="side"/> <c>fo</c> or <c>dataverse</c>) of map
    /// <paramref name="map"/> in a sample <c>.dwmap</c> file, as written between the backquotes; null when the map has none.
    /// The generated map class does not expose the Dataverse filter text (only <c>FoODataFilter</c>), so it is read here.
    /// </summary>
    public static string? FilterText(string dwmapFile, string map, string side)
    {
        var text = File.ReadAllText(PathOf("maps/" + dwmapFile));
        var header = Regex.Match(text, @"\bmap\s+" + Regex.Escape(map) + @"\s*:[^{]*\{");
        if (!header.Success)
        {
            throw new InvalidOperationException("map " + map + " not found in " + dwmapFile);
        }

        // The map's body runs to the first '}' at the start of a line (bodies hold no braces but this one).
        var end = Regex.Match(text.Substring(header.Index + header.Length), @"^\}", RegexOptions.Multiline);
        var body = text.Substring(header.Index + header.Length, end.Success ? end.Index : text.Length - header.Index - header.Length);
        var filter = Regex.Match(body, @"^\s*filter\s+" + Regex.Escape(side) + @"\s+`([^`]*)`", RegexOptions.Multiline);
        return filter.Success ? filter.Groups[1].Value : null;
    }
}
