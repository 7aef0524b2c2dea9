using DualWrite.Generator.Common;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Checks;

/// <summary>
/// A diagnostic as a value: the descriptor, where it points and its message arguments. Roslyn's
/// <see cref="Diagnostic"/> holds a <see cref="Location"/> tied to a syntax tree, which would defeat caching.
/// </summary>
/// <remarks><see cref="Severity"/> overrides the descriptor's default where one ID has two severities (DW0016).</remarks>
public sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    SourceLocation? Location,
    EquatableArray<string> MessageArgs,
    DiagnosticSeverity? Severity = null)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation? location, params string[] messageArgs) =>
        new(descriptor, location, EquatableArray.Create(messageArgs));

    public DiagnosticSeverity EffectiveSeverity => Severity ?? Descriptor.DefaultSeverity;

    public string Id => Descriptor.Id;

    public Diagnostic ToDiagnostic(SyntaxTree? tree = null) => Diagnostic.Create(
        Descriptor,
        Location?.ToLocation(tree) ?? Microsoft.CodeAnalysis.Location.None,
        EffectiveSeverity,
        additionalLocations: null,
        properties: null,
        MessageArgs.ToArrayOfObjects());

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
