using System.Threading;
using DualWrite.Generator.Common;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Binding;

/// <summary>What binding one file needs: both schemas, the other declarations, the <c>via</c> methods, and where to report.</summary>
internal sealed class BindingContext
{
    public BindingContext(
        string @namespace,
        SchemaIndex? fo,
        SchemaIndex? dataverse,
        DeclarationIndex declarations,
        ViaMethodSet viaMethods,
        DiagnosticBag diagnostics,
        EntityUsage usage,
        EquatableArray<DiagnosticInfo> syntaxErrors,
        UserTypes.UserEntitySet userEntities,
        CancellationToken cancellationToken)
    {
        UserEntities = userEntities;
        SyntaxErrors = syntaxErrors;
        Namespace = @namespace;
        Fo = fo;
        Dataverse = dataverse;
        Declarations = declarations;
        ViaMethods = viaMethods;
        Diagnostics = diagnostics;
        Usage = usage;
        CancellationToken = cancellationToken;
    }

    public string Namespace { get; }

    /// <summary>Where the generated F&amp;O classes and enums live, e.g. <c>Contoso.Integration.Fo</c>.</summary>
    public string FoNamespace => Namespace + ".Fo";

    public string DataverseNamespace => Namespace + ".Dataverse";

    public SchemaIndex? Fo { get; }

    public SchemaIndex? Dataverse { get; }

    public DeclarationIndex Declarations { get; }

    public ViaMethodSet ViaMethods { get; }

    public DiagnosticBag Diagnostics { get; }

    public EntityUsage Usage { get; }

    /// <summary>The user's entity classes, for maps over classes the user owns.</summary>
    public UserTypes.UserEntitySet UserEntities { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The file's syntax errors (DW0001).</summary>
    public EquatableArray<DiagnosticInfo> SyntaxErrors { get; }

    /// <summary>
    /// Whether the parser dropped something inside <paramref name="range"/>; checks that infer what is missing
    /// (a key, a mapping) stay quiet there, since the missing piece may be the one the syntax error hid.
    /// </summary>
    public bool HasSyntaxErrorsIn(TextRange range)
    {
        foreach (var error in SyntaxErrors)
        {
            if (error.Location is { } location && location.Range.Start >= range.Start && location.Range.Start <= range.End)
            {
                return true;
            }
        }

        return false;
    }
}
