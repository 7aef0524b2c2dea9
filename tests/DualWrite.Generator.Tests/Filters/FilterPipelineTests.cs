using System;
using System.Threading;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Filters;

namespace DualWrite.Generator.Tests.Filters;

/// <summary>
/// What both filter compilers share around their own parse and bind: output only without errors, and an unexpected
/// exception of a compiler reported as DW0004 over the whole filter instead of ending the build.
/// </summary>
public class FilterPipelineTests
{
    private const string Text = "CustomerAccount == \"A\"";

    [Fact]
    public void A_compiler_that_throws_gives_DW0004_over_the_whole_filter_and_no_output()
    {
        var result = Run(Text, (_, _, used) =>
        {
            used.Add("CustomerAccount");
            throw new InvalidOperationException("boom");
        });

        Assert.Null(result.CSharpPredicate);
        Assert.Null(result.ODataFilter);
        Assert.Equal(new[] { "CustomerAccount" }, result.UsedProperties);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DW0004", diagnostic.Id);
        Assert.Equal(TestEntity.FilePrefix.Length, diagnostic.Location!.Range.Start);
        Assert.Equal(Text.Length, diagnostic.Location.Range.Length);
        Assert.Equal(
            "the filter could not be compiled (InvalidOperationException: boom); simplify it and report this as a compiler bug",
            diagnostic.GetMessage());
    }

    [Fact]
    public void Cancellation_is_not_turned_into_a_diagnostic()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => Run(Text, (_, _, _) => ("true", null), cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => Run(Text, (_, _, _) => throw new OperationCanceledException()));
    }

    [Fact]
    public void An_error_reported_by_the_compiler_drops_its_output_and_a_warning_keeps_it()
    {
        var failed = Run(Text, (_, diagnostics, _) =>
        {
            diagnostics.Add(DiagnosticDescriptors.FilterSyntaxError, 0, 1, "bad");
            return ("true", "odata");
        });
        var warned = Run(Text, (_, diagnostics, _) =>
        {
            diagnostics.Add(DiagnosticDescriptors.LoneEqualsInFoFilter, 0, 1, "lone");
            return ("true", "odata");
        });

        Assert.Null(failed.CSharpPredicate);
        Assert.Null(failed.ODataFilter);
        Assert.True(failed.HasErrors);
        Assert.Equal("true", warned.CSharpPredicate);
        Assert.Equal("odata", warned.ODataFilter);
        Assert.False(warned.HasErrors);
        Assert.Equal("DW0024", Assert.Single(warned.Diagnostics).Id);
    }

    [Fact]
    public void A_missing_text_compiles_as_an_empty_one()
    {
        string? seen = null;
        var result = Run(null, (text, _, _) =>
        {
            seen = text;
            return ("true", null);
        });

        Assert.Equal("", seen);
        Assert.Equal("true", result.CSharpPredicate);
    }

    private static FilterCompilation Run(string? text, FilterPipeline.Compiler compile, CancellationToken ct = default) =>
        FilterPipeline.Run(text, FoFilterCompilerTests.Customer().Context(text ?? "", fo: true), ct, compile);
}
