using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Binds a <c>valuemap</c> (DSL.md §3–4) and checks it (DW0013): one type per side, no value mapped twice
/// in a direction, <c>else</c> only as the source of a one-way entry, and every member of an F&amp;O enum
/// covered towards Dataverse unless there is an <c>else</c>.
/// </summary>
internal sealed class ValueMapBinder
{
    private readonly BindingContext _context;

    /// <summary>Literals already reported: a two-way entry is converted once per direction.</summary>
    private readonly HashSet<TextRange> _reported = new();

    public ValueMapBinder(BindingContext context) => _context = context;

    public ValueMapModel? Bind(ValueMapDeclaration declaration)
    {
        var summary = ValueMapSummary.Of(declaration, _context.Namespace);
        var foType = SideType(declaration, summary.Fo, Side.Fo);
        var dataverseType = SideType(declaration, summary.Dataverse, Side.Dataverse);
        if (foType is null || dataverseType is null)
        {
            return null;
        }

        if (_context.Fo?.FindEnumType(summary.Fo.EnumType ?? string.Empty) is { } enumType && summary.Fo.Kind == LiteralKind.EnumValue)
        {
            _context.Usage.AddEnum(_context.Namespace, enumType);
        }

        var toDataverse = BindDirection(declaration, Side.Dataverse, foType, dataverseType);
        var toFo = BindDirection(declaration, Side.Fo, dataverseType, foType);
        if (toDataverse is not null && summary.Fo.Kind == LiteralKind.EnumValue)
        {
            CheckEnumCoverage(declaration, summary.Fo.EnumType!, toDataverse);
        }

        // Generated even when an entry is in error (that entry left out): the maps that name it with 'via' are
        // generated from its declaration alone, and must not fail to compile behind the DW0013.
        return new ValueMapModel(declaration.Name.Text, _context.Namespace, foType, dataverseType, toDataverse, toFo);
    }

    private string? SideType(ValueMapDeclaration declaration, ValueShape shape, Side side)
    {
        var literals = ValueMapEntryValues.Of(declaration).Select(e => side == Side.Fo ? e.Fo : e.Dataverse).Where(l => l is not null && l.Kind != LiteralKind.Null).Select(l => l!).ToList();
        if (literals.Count == 0)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, declaration.Name.Range,
                $"Value map '{declaration.Name.Text}' has no {(side == Side.Fo ? "F&O" : "Dataverse")} values; add entries such as '\"A\" <-> 1'.");
            return null;
        }

        if (shape.IsMixed)
        {
            var first = literals[0];
            var odd = literals.First(l => Kind(l) != Kind(first) || (l.Kind == LiteralKind.EnumValue && !string.Equals(l.EnumType, first.EnumType, StringComparison.OrdinalIgnoreCase)));
            _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, odd.Range,
                $"All {(side == Side.Fo ? "F&O" : "Dataverse")} values of '{declaration.Name.Text}' must have one type: {LiteralConverter.Describe(odd)} differs from {LiteralConverter.Describe(first)}.");
            return null;
        }

        if (shape.Kind == LiteralKind.EnumValue && side == Side.Dataverse)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, literals[0].Range,
                $"Dataverse has no enums ({literals[0].Value}); write the option-set value as a number.");
            return null;
        }

        var type = ValueMapTypes.ClrType(shape, side, _context.Fo, _context.FoNamespace);
        if (type is null && shape.Kind == LiteralKind.EnumValue)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, literals[0].Range,
                $"The F&O schema has no enum '{shape.EnumType}'.{NameSuggestions.Hint(shape.EnumType!, _context.Fo?.Model.EnumTypes.Select(e => e.Name) ?? Enumerable.Empty<string>())}");
        }

        return type;
    }

    private static LiteralKind Kind(Literal literal) => literal.Kind == LiteralKind.Integer ? LiteralKind.Decimal : literal.Kind;

    private ValueMapDirectionModel? BindDirection(ValueMapDeclaration declaration, Side towards, string fromType, string toType)
    {
        var cases = new List<ValueMapCaseModel>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? @else = null;
        var any = false;
        foreach (var entry in ValueMapEntryValues.Of(declaration))
        {
            if (entry.Direction == (towards == Side.Dataverse ? SyncDirection.ToFo : SyncDirection.ToDataverse))
            {
                continue;
            }

            any = true;
            var (from, fromRange, to, toRange) = towards == Side.Dataverse
                ? (entry.Fo, entry.FoRange, entry.Dataverse, entry.DataverseRange)
                : (entry.Dataverse, entry.DataverseRange, entry.Fo, entry.FoRange);
            if (entry.IsElse && (entry.Direction == SyncDirection.Both || to is null))
            {
                // A two-way entry is visited in both directions; report it once.
                if (towards == Side.Dataverse || entry.Direction != SyncDirection.Both)
                {
                    _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, entry.Syntax.Range, entry.Direction == SyncDirection.Both
                        ? "'else' cannot be mapped both ways; write a one-way fallback such as 'else -> 1' or 'else <- \"A\"'."
                        : "An 'else' entry needs the value it produces; write 'else -> value' or 'else <- value'.");
                }

                continue;
            }

            var toExpression = Convert(to!, toType);
            if (from is null)
            {
                if (@else is not null)
                {
                    _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, fromRange, $"Value map '{declaration.Name.Text}' already has an 'else' {Towards(towards)}; keep one.");
                }

                @else ??= toExpression;
                continue;
            }

            if (from.Kind == LiteralKind.Null)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, from.Range, "A value map does not match null; give the field a 'default' instead.");
                continue;
            }

            var fromExpression = Convert(from, fromType);
            if (fromExpression is null || toExpression is null)
            {
                continue;
            }

            if (!seen.Add(LiteralConverter.ValueKey(from, fromExpression, fromType)))
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, from.Range,
                    $"{LiteralConverter.Describe(from)} is already mapped {Towards(towards)} in '{declaration.Name.Text}'; remove the duplicate or make one entry one-way.");
                continue;
            }

            cases.Add(new ValueMapCaseModel(fromExpression, toExpression, from.Value));
        }

        return any ? new ValueMapDirectionModel(cases.ToEquatableArray(), @else, ClrTypes.Underlying(fromType) == "string") : null;
    }

    private string? Convert(Literal literal, string type)
    {
        var expression = LiteralConverter.ToExpression(literal, type, _context.Fo, _context.FoNamespace, out var error);
        if (expression is null && _reported.Add(literal.Range))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, literal.Range, $"In this value map {error}.");
        }

        return expression;
    }

    private void CheckEnumCoverage(ValueMapDeclaration declaration, string enumName, ValueMapDirectionModel toDataverse)
    {
        // An entry the parser could not read may be the one that looks missing.
        var enumType = _context.Fo?.FindEnumType(enumName);
        if (enumType is null || toDataverse.Else is not null || _context.HasSyntaxErrorsIn(declaration.Range))
        {
            return;
        }

        var covered = new HashSet<string>(toDataverse.Cases.Select(c => c.FromDisplay.Substring(c.FromDisplay.IndexOf("::", StringComparison.Ordinal) + 2)), StringComparer.OrdinalIgnoreCase);
        var missing = enumType.Members.Where(m => !covered.Contains(m.Name)).Select(m => m.Name).ToList();
        if (missing.Count > 0)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.ValueMapInvalid, declaration.Name.Range,
                $"Value map '{declaration.Name.Text}' has no entry towards Dataverse for {string.Join(", ", missing.Select(m => enumType.Name + "::" + m))}; add them or an 'else -> value'.",
                FixProperties.EnumType, enumType.Name, FixProperties.MissingMembers, string.Join(",", missing));
        }
    }

    private static string Towards(Side side) => side == Side.Dataverse ? "towards Dataverse" : "towards F&O";
}
