using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Checks;

/// <summary>
/// The one registry of the compiler's diagnostics (DSL.md §5). IDs are never reused; every ID is listed in
/// AnalyzerReleases.*.md and documented in docs/diagnostics/DWxxxx.md. The message is composed where the
/// problem is found, because it must say what to write instead, which depends on the case.
/// </summary>
/// <remarks>
/// The IDE analyzers (analyzers/DualWrite.Analyzers) compile this same file, so a descriptor the generator and
/// an analyzer both report has one definition. It is internal so that the two assemblies' copies never meet.
/// </remarks>
internal static class DiagnosticDescriptors
{
    /// <summary>
    /// Where the pages docs/diagnostics/DWxxxx.md are published, unless the MSBuild property
    /// <see cref="HelpLinkBaseProperty"/> says otherwise (<see cref="WithHelpLinkBase"/>).
    /// </summary>
    public const string DefaultHelpLinkBase = "https://github.com/dualwrite/DualWrite.Compiler/blob/main/docs/diagnostics/";

    /// <summary>The MSBuild property that moves the help links (build/DualWrite.Compiler.props makes it visible to the compiler).</summary>
    public const string HelpLinkBaseProperty = "DualWriteHelpLinkBase";

    private const string HelpLinkBase = DefaultHelpLinkBase;

    // The message is composed where the problem is found (see the class summary); it never carries the help link,
    // which the descriptor holds and the compiler and the IDE show beside it.
    private const string Message = "{0}";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Id, string Base), DiagnosticDescriptor> Moved = new();

    public static readonly DiagnosticDescriptor SyntaxError = new(
        "DW0001", "Syntax error in a .dwmap file", Message, "DualWrite.Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0001.md");

    public static readonly DiagnosticDescriptor UnknownEntitySet = new(
        "DW0002", "Unknown entity set", Message, "DualWrite.Schema", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0002.md");

    public static readonly DiagnosticDescriptor UnknownField = new(
        "DW0003", "Unknown field or column", Message, "DualWrite.Schema", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0003.md");

    public static readonly DiagnosticDescriptor FilterSyntaxError = new(
        "DW0004", "Filter syntax error", Message, "DualWrite.Filter", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0004.md");

    public static readonly DiagnosticDescriptor FilterNestedLookup = new(
        "DW0005", "Filter reaches through a lookup or another data source", Message, "DualWrite.Filter", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0005.md");

    public static readonly DiagnosticDescriptor FilterUnsupportedOperator = new(
        "DW0006", "Filter uses an unsupported operator or function", Message, "DualWrite.Filter", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0006.md");

    public static readonly DiagnosticDescriptor FilterTypeMismatch = new(
        "DW0007", "Filter compares a field with a value of the wrong type", Message, "DualWrite.Filter", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0007.md");

    public static readonly DiagnosticDescriptor DataverseKeyNotAlternateKey = new(
        "DW0008", "Dataverse key columns are not an alternate key", Message, "DualWrite.Key", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0008.md");

    public static readonly DiagnosticDescriptor FoKeyNotEntityKey = new(
        "DW0009", "F&O key fields are not the entity key", Message, "DualWrite.Key", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0009.md");

    public static readonly DiagnosticDescriptor CompanyScopeMismatch = new(
        "DW0010", "Company-specific entity paired with a global one", Message, "DualWrite.Company", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0010.md");

    public static readonly DiagnosticDescriptor FilterRestrictsCompany = new(
        "DW0011", "Filter restricts the legal entity", Message, "DualWrite.Company", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0011.md");

    public static readonly DiagnosticDescriptor NumberRangesInvalid = new(
        "DW0012", "Number ranges overlap or are not on the key field", Message, "DualWrite.Numbers", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0012.md");

    public static readonly DiagnosticDescriptor ValueMapInvalid = new(
        "DW0013", "Invalid value map", Message, "DualWrite.ValueMap", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0013.md");

    public static readonly DiagnosticDescriptor FieldDirectionNotAllowed = new(
        "DW0014", "Field direction not allowed by the map's direction", Message, "DualWrite.Mapping", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0014.md");

    public static readonly DiagnosticDescriptor FieldTypeMismatch = new(
        "DW0015", "Field types differ and no conversion is given", Message, "DualWrite.Mapping", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0015.md");

    // One ID, two severities (DSL.md §5): an 'after' cycle is an error; a cycle made only of lookups is
    // reported with DiagnosticInfo.Severity = Info, as information that initial sync runs in two passes.
    public static readonly DiagnosticDescriptor SyncOrderCycle = new(
        "DW0016", "Cycle in the initial-sync order", Message, "DualWrite.Order", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0016.md");

    public static readonly DiagnosticDescriptor DuplicateName = new(
        "DW0017", "Duplicate name or target field mapped twice", Message, "DualWrite.Mapping", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0017.md");

    public static readonly DiagnosticDescriptor SchemaMissing = new(
        "DW0018", "Schema missing, declared twice or not among AdditionalFiles", Message, "DualWrite.Schema", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0018.md");

    public static readonly DiagnosticDescriptor KeyNotMappedBothWays = new(
        "DW0019", "Key field not mapped both ways", Message, "DualWrite.Key", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0019.md");

    public static readonly DiagnosticDescriptor NoCandidateAlternateKey = new(
        "DW0020", "No key and no single candidate alternate key", Message, "DualWrite.Key", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0020.md");

    public static readonly DiagnosticDescriptor ViaNotFound = new(
        "DW0021", "'via' names no value map or method of the right signature", Message, "DualWrite.Mapping", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0021.md");

    public static readonly DiagnosticDescriptor LookupTargetNotSynced = new(
        "DW0022", "Lookup to a table that no map syncs", Message, "DualWrite.Order", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0022.md");

    public static readonly DiagnosticDescriptor TargetReadOnly = new(
        "DW0023", "Target field is computed or read-only", Message, "DualWrite.Mapping", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0023.md");

    public static readonly DiagnosticDescriptor LoneEqualsInFoFilter = new(
        "DW0024", "Lone '=' in an F&O filter", Message, "DualWrite.Filter", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0024.md");

    public static readonly DiagnosticDescriptor InvalidMapAttribute = new(
        "DW0025", "Invalid dual-write attribute", Message, "DualWrite.Attributes", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0025.md");

    public static readonly DiagnosticDescriptor NameNotGeneratable = new(
        "DW0026", "Name cannot be used in generated C#", Message, "DualWrite.Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0026.md");

    public static readonly DiagnosticDescriptor AsteriskInFoEquality = new(
        "DW0027", "'*' compared with '==' or '!=' in an F&O filter", Message, "DualWrite.Filter", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "DW0027.md");

    /// <summary>
    /// <paramref name="descriptor"/> with its help link under <paramref name="helpLinkBase"/> (an absolute URL of the
    /// folder of the pages), or as it is when that is null, blank or not an absolute URL.
    /// </summary>
    public static DiagnosticDescriptor WithHelpLinkBase(DiagnosticDescriptor descriptor, string? helpLinkBase)
    {
        if (string.IsNullOrWhiteSpace(helpLinkBase) || !System.Uri.TryCreate(helpLinkBase!.Trim(), System.UriKind.Absolute, out _))
        {
            return descriptor;
        }

        var folder = helpLinkBase.Trim().TrimEnd('/') + "/";
        return folder == DefaultHelpLinkBase
            ? descriptor
            : Moved.GetOrAdd((descriptor.Id, folder), key => new DiagnosticDescriptor(
                descriptor.Id,
                descriptor.Title,
                descriptor.MessageFormat,
                descriptor.Category,
                descriptor.DefaultSeverity,
                descriptor.IsEnabledByDefault,
                descriptor.Description,
                key.Base + descriptor.Id + ".md",
                System.Linq.Enumerable.ToArray(descriptor.CustomTags)));
    }

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        SyntaxError,
        UnknownEntitySet,
        UnknownField,
        FilterSyntaxError,
        FilterNestedLookup,
        FilterUnsupportedOperator,
        FilterTypeMismatch,
        DataverseKeyNotAlternateKey,
        FoKeyNotEntityKey,
        CompanyScopeMismatch,
        FilterRestrictsCompany,
        NumberRangesInvalid,
        ValueMapInvalid,
        FieldDirectionNotAllowed,
        FieldTypeMismatch,
        SyncOrderCycle,
        DuplicateName,
        SchemaMissing,
        KeyNotMappedBothWays,
        NoCandidateAlternateKey,
        ViaNotFound,
        LookupTargetNotSynced,
        TargetReadOnly,
        LoneEqualsInFoFilter,
        InvalidMapAttribute,
        NameNotGeneratable,
        AsteriskInFoEquality);
}
