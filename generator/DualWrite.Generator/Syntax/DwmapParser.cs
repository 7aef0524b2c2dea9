using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Syntax;

/// <summary>
/// Parses <c>.dwmap</c> files (DSL.md §2–3) into <see cref="DwmapFile"/> trees. Never throws on bad input:
/// syntax errors become DW0001 diagnostics in <see cref="DwmapFile.Diagnostics"/>, and the declarations
/// and items that are well formed still appear in the tree.
/// </summary>
/// <remarks>
/// Decisions where DSL.md is silent: string literals and filter texts end on their line; only <c>\"</c>
/// and <c>\\</c> are escapes (any other backslash sequence is an error); keywords are lower case.
/// </remarks>
internal static class DwmapParser
{
    public static DwmapFile Parse(string path, string text, CancellationToken cancellationToken = default)
    {
        path ??= string.Empty;
        text ??= string.Empty;
        var lines = LineMap.Create(path, text);
        var errors = new ErrorList();
        var declarations = ImmutableArray.CreateBuilder<Declaration>();
        var input = new SourceInput(text, 0);

        DottedName? name = null;
        var start = DwmapLexer.SkipTrivia(text, 0);
        if (DwmapLexer.IsWordAt(text, start, "namespace"))
        {
            var result = DwmapDeclarations.Namespace(input);
            if (result.WasSuccessful)
            {
                name = result.Value;
                input = input.At(result.Remainder.Position);
            }
            else
            {
                input = input.At(Recover(errors, ParseErrors.FromFailure(result, insideConstruct: true), text, ErrorPosition(text, result.Remainder.Position), start));
            }
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            start = DwmapLexer.SkipTrivia(text, input.Position);
            if (start >= text.Length || errors.Swallowed)
            {
                break;
            }

            if (DwmapLexer.IsWordAt(text, start, "namespace"))
            {
                var misplaced = ParseErrors.Expected(
                    text,
                    start,
                    "'map', 'valuemap', 'numbers' or 'schema'",
                    "(a namespace must come before all declarations, once per file)");
                input = input.At(Recover(errors, misplaced, text, start, start));
                continue;
            }

            var parsed = DwmapDeclarations.Declaration(input);
            if (parsed.WasSuccessful)
            {
                declarations.Add(parsed.Value.Declaration);
                errors.AddRange(parsed.Value.Errors);
                input = input.At(parsed.Remainder.Position);
            }
            else
            {
                input = input.At(Recover(errors, ParseErrors.FromFailure(parsed, DwmapCombinators.Consumed(parsed, input)), text, ErrorPosition(text, parsed.Remainder.Position), start));
            }
        }

        return new DwmapFile(path, lines, name, declarations.ToImmutable(), errors.ToDiagnostics(lines), Text: text);
    }

    private static int Recover(ErrorList errors, ParseError error, string text, int errorPosition, int declarationStart)
    {
        errors.Add(error);
        return error.SwallowsRest ? text.Length : DwmapRecovery.ResyncDeclaration(text, errorPosition, declarationStart);
    }

    private static int ErrorPosition(string text, int failurePosition) => DwmapLexer.SkipTrivia(text, failurePosition);

    /// <summary>The errors of one file, with the last guards against cascades.</summary>
    private sealed class ErrorList
    {
        private readonly List<ParseError> _errors = new();

        /// <summary>An unterminated comment was reported: the rest of the file is comment.</summary>
        public bool Swallowed { get; private set; }

        public void Add(ParseError error)
        {
            if (Swallowed || (_errors.Count > 0 && _errors[_errors.Count - 1].Range.Start == error.Range.Start))
            {
                return;
            }

            _errors.Add(error);
            Swallowed = error.SwallowsRest;
        }

        public void AddRange(IEnumerable<ParseError> errors)
        {
            foreach (var error in errors)
            {
                Add(error);
            }
        }

        public EquatableArray<DiagnosticInfo> ToDiagnostics(LineMap lines)
        {
            var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>(_errors.Count);
            foreach (var error in _errors)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SyntaxError, lines.GetLocation(error.Range), error.Message));
            }

            return diagnostics.MoveToImmutable();
        }
    }
}
