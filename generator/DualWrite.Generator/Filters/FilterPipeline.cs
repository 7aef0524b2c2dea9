using System;
using System.Threading;
using DualWrite.Generator.Checks;

namespace DualWrite.Generator.Filters;

/// <summary>
/// What both filter compilers do around their own parse and bind: collect diagnostics and used properties,
/// drop the output when there are errors, and turn an unexpected exception into a diagnostic, since the
/// compiler never throws on input.
/// </summary>
internal static class FilterPipeline
{
    /// <summary>The C# predicate and the OData text a language compiles to, or null when it reported errors.</summary>
    public delegate (string CSharp, string? OData)? Compiler(string text, FilterDiagnostics diagnostics, UsedPropertySet used);

    public static FilterCompilation Run(string? text, FilterContext context, CancellationToken ct, Compiler compile)
    {
        ct.ThrowIfCancellationRequested();
        text ??= "";
        var diagnostics = new FilterDiagnostics(context);
        var used = new UsedPropertySet();
        try
        {
            var result = compile(text, diagnostics, used);
            return result is { } compiled && !diagnostics.HasErrors
                ? new FilterCompilation(compiled.CSharp, compiled.OData, used.ToArray(), diagnostics.ToArray())
                : new FilterCompilation(null, null, used.ToArray(), diagnostics.ToArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticDescriptors.FilterSyntaxError, 0, text.Length,
                "the filter could not be compiled (" + e.GetType().Name + ": " + e.Message + "); simplify it and report this as a compiler bug");
            return new FilterCompilation(null, null, used.ToArray(), diagnostics.ToArray());
        }
    }
}
