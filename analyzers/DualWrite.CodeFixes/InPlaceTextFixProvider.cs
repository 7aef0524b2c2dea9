using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.CodeFixes;

/// <summary>
/// A fix that rewrites one span of a filter in place, inside the string literal of its attribute: the diagnostics of
/// filter text sit inside a string, where no syntax node stands for the token, so these fixes edit the text.
/// </summary>
public abstract class InPlaceTextFixProvider : CodeFixProvider
{
    /// <summary>The title the IDE shows.</summary>
    protected abstract string Title { get; }

    /// <summary>The text written over the span.</summary>
    protected abstract string Replacement { get; }

    /// <summary>The span to rewrite for a diagnostic at <paramref name="diagnosticSpan"/>; null where the text is not what the fix expects.</summary>
    protected abstract TextSpan? SpanToReplace(SourceText text, TextSpan diagnosticSpan);

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (SpanToReplace(text, diagnostic.Location.SourceSpan) is not { } span)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithText(text.WithChanges(new TextChange(span, Replacement)))), GetType().Name),
                diagnostic);
        }
    }
}
