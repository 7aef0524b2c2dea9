using System;
using System.IO;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Syntax;

internal static class ParserTestHelpers
{
    public static DwmapFile Parse(string text) => DwmapParser.Parse("test.dwmap", text);

    /// <summary>Parses text that must be free of syntax errors, showing them if it is not.</summary>
    public static DwmapFile ParseValid(string text)
    {
        var file = Parse(text);
        Assert.True(file.Diagnostics.IsEmpty, string.Join(Environment.NewLine, file.Diagnostics.Select(Describe)));
        return file;
    }

    public static T Single<T>(DwmapFile file)
        where T : Declaration => Assert.IsType<T>(Assert.Single(file.Declarations));

    public static T SingleItem<T>(string items)
        where T : MapItem
    {
        var map = Single<MapDeclaration>(ParseValid("map M : fo A <-> dataverse b {\n" + items + "\n}\n"));
        return Assert.IsType<T>(Assert.Single(map.Items));
    }

    public static string Slice(string text, TextRange range) => text.Substring(range.Start, range.Length);

    /// <summary>A diagnostic as "line:column: message" with 0-based line and column, the form the error tests assert.</summary>
    public static string Describe(DiagnosticInfo diagnostic) =>
        $"{diagnostic.Location!.StartLine}:{diagnostic.Location.StartColumn}: {diagnostic.GetMessage()}";

    public static string[] Errors(string text) => Parse(text).Diagnostics.Select(Describe).ToArray();

    public static string[] SampleFiles() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Samples, "maps"), "*.dwmap").OrderBy(f => f, StringComparer.Ordinal).ToArray();
}
