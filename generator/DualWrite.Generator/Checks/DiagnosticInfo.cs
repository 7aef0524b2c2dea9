using System.Collections.Immutable;
using DualWrite.Generator.Common;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Checks;

/// <summary>
/// A diagnostic as a value: the descriptor, where it points and its message arguments. Roslyn's
/// <see cref="Diagnostic"/> holds a <see cref="Location"/> tied to a syntax tree, which would defeat caching.
/// </summary>
/// <remarks>
/// <see cref="Severity"/> overrides the descriptor's default where one ID has two severities (DW0016).
/// <see cref="Properties"/> are the diagnostic's properties as alternating keys and values: what a code fix
/// needs from binding (DualWrite.CodeFixes reads them; see <see cref="FixProperties"/>).
/// </remarks>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    SourceLocation? Location,
    EquatableArray<string> MessageArgs,
    DiagnosticSeverity? Severity = null,
    EquatableArray<string> Properties = default)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation? location, params string[] messageArgs) =>
        new(descriptor, location, EquatableArray.Create(messageArgs));

    public DiagnosticSeverity EffectiveSeverity => Severity ?? Descriptor.DefaultSeverity;

    public string Id => Descriptor.Id;

    /// <summary>The Roslyn diagnostic, located in <paramref name="tree"/> when given, with help links under <paramref name="helpLinkBase"/> when given.</summary>
    public Diagnostic ToDiagnostic(SyntaxTree? tree = null, string? helpLinkBase = null) => Diagnostic.Create(
        DiagnosticDescriptors.WithHelpLinkBase(Descriptor, helpLinkBase),
        Location?.ToLocation(tree) ?? Microsoft.CodeAnalysis.Location.None,
        EffectiveSeverity,
        additionalLocations: null,
        properties: PropertyMap(),
        MessageArgs.ToArrayOfObjects());

    private ImmutableDictionary<string, string?>? PropertyMap()
    {
        if (Properties.IsEmpty)
        {
            return null;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        for (var i = 0; i + 1 < Properties.Count; i += 2)
        {
            builder[Properties[i]] = Properties[i + 1];
        }

        return builder.ToImmutable();
    }

    public string GetMessage() => ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}

internal static class MessageArgsExtensions
{
    public static object[] ToArrayOfObjects(this EquatableArray<string> args)
    {
        var result = new object[args.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = args[i];
        }

        return result;
    }
}

/// <summary>The diagnostic properties code fixes read.</summary>
internal static class FixProperties
{
    /// <summary>DW0013: the F&amp;O enum whose members have no entry towards Dataverse.</summary>
    public const string EnumType = "DualWrite.EnumType";

    /// <summary>DW0013: those members, comma-separated.</summary>
    public const string MissingMembers = "DualWrite.MissingMembers";

    /// <summary>DW0020: the F&amp;O key field of the table's one alternate key.</summary>
    public const string FoKey = "DualWrite.FoKey";

    /// <summary>DW0020: the Dataverse column of that alternate key.</summary>
    public const string DataverseKey = "DualWrite.DataverseKey";
}
