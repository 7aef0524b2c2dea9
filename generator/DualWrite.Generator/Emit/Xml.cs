namespace DualWrite.Generator.Emit;

/// <summary>Escapes text for XML documentation comments.</summary>
internal static class Xml
{
    // Line breaks as character references: a raw one (U+2028, U+2029 and U+0085 included) would end the '///' line
    // and leave the rest of the text as code.
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
        .Replace("\r", "&#xD;").Replace("\n", "&#xA;").Replace("\u0085", "&#x85;").Replace("\u2028", "&#x2028;").Replace("\u2029", "&#x2029;");
}
