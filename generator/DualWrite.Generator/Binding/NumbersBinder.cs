using System;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Binds <c>numbers</c> (DSL.md §4 "Numbers") and checks it (DW0012): one range or prefix per side, on the
/// map's key field, and the two sides never able to hand out the same number.
/// </summary>
internal sealed class NumbersBinder
{
    private readonly BindingContext _context;

    public NumbersBinder(BindingContext context) => _context = context;

    public NumbersModel? Bind(NumbersDeclaration declaration)
    {
        var diagnostics = _context.Diagnostics;
        var map = _context.Declarations.FindMap(declaration.Map.Text);
        if (map is null)
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownField, declaration.Map.Range,
                $"There is no map named '{declaration.Map.Text}'.{NameSuggestions.Hint(declaration.Map.Text, _context.Declarations.Maps.Select(m => m.Name))}");
            return null;
        }

        var fo = Single(declaration, Side.Fo);
        var dataverse = Single(declaration, Side.Dataverse);
        if (fo is null || dataverse is null)
        {
            return null;
        }

        var field = BindField(declaration, map);
        if (field is null || !Valid(fo) || !Valid(dataverse))
        {
            return null;
        }

        var foRange = ToModel(fo);
        var dataverseRange = ToModel(dataverse);
        if (Overlap(foRange, dataverseRange) is { } reason)
        {
            diagnostics.Add(DiagnosticDescriptors.NumberRangesInvalid, dataverse.Range,
                $"The F&O and Dataverse number ranges of '{declaration.Name.Text}' overlap ({reason}), so both sides could create the same {field}; make them disjoint.");
            return null;
        }

        return new NumbersModel(declaration.Name.Text, map.Name, map.Namespace, field, foRange, dataverseRange);
    }

    private NumberRange? Single(NumbersDeclaration declaration, Side side)
    {
        var ranges = declaration.Ranges.Where(r => r.Side == side).ToList();
        if (ranges.Count == 1)
        {
            return ranges[0];
        }

        var name = side == Side.Fo ? "fo" : "dataverse";
        _context.Diagnostics.Add(DiagnosticDescriptors.NumberRangesInvalid, ranges.Count == 0 ? declaration.Name.Range : ranges[1].Range, ranges.Count == 0
            ? $"'{declaration.Name.Text}' gives no range for {name}; add '{name} \"A0001\"..\"A4999\"' or '{name} prefix \"A\"'."
            : $"'{declaration.Name.Text}' already gives a range for {name}; keep one.");
        return null;
    }

    private string? BindField(NumbersDeclaration declaration, MapSummary map)
    {
        var schema = _context.Fo;
        var set = schema?.FindEntitySet(map.FoEntitySet);
        var type = set is null ? null : schema!.EntityTypeOf(set);
        if (schema is null || type is null)
        {
            // The map itself reports the missing schema or entity set.
            return null;
        }

        // Over a user's class, the field and the declared key may be its C# properties (nameof).
        var user = map.FoUserType is null ? null : _context.UserEntities.Find(map.FoUserType, Side.Fo);
        string SchemaName(string name) => user?.Member(name) is { SchemaName: { } schemaName } ? schemaName : name;

        var property = schema.FindProperty(type, SchemaName(declaration.Field.Text));
        if (property is null)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.UnknownField, declaration.Field.Range,
                $"F&O entity '{set!.Name}' has no field '{declaration.Field.Text}'.{NameSuggestions.Hint(declaration.Field.Text, type.Properties.Select(p => p.Name))}");
            return null;
        }

        // The entity's key, not the map's 'key' clause: a clause that differs from it is DW0009, and advice taken from
        // it would point away from the right field.
        var keyFields = schema.KeyOf(type).Where(k => !CompanyNames.IsDataAreaId(k)).ToList();
        if (keyFields.Count != 1 || !string.Equals(keyFields[0], property.Name, StringComparison.OrdinalIgnoreCase))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.NumberRangesInvalid, declaration.Field.Range,
                $"Number sequences apply to the key field of map '{map.Name}', which is {string.Join(", ", keyFields)}; write 'for {map.Name}.{(keyFields.Count > 0 ? keyFields[0] : "<KeyField>")}'.");
            return null;
        }

        if (ClrTypes.Of(property, schema, _context.FoNamespace) != ClrTypes.String)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.NumberRangesInvalid, declaration.Field.Range,
                $"'{property.Name}' is {property.TypeName}; number sequences are text, so the key field must be Edm.String.");
            return null;
        }

        return property.Name;
    }

    private bool Valid(NumberRange range)
    {
        if (range.Prefix is { } prefix)
        {
            if (prefix.Value.Length == 0)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.NumberRangesInvalid, prefix.Range, "An empty prefix matches every number; give at least one character.");
                return false;
            }

            return true;
        }

        if (range.From is { } from && range.To is { } to && string.Compare(from.Value, to.Value, StringComparison.OrdinalIgnoreCase) > 0)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.NumberRangesInvalid, range.Range,
                $"The range \"{from.Value}\"..\"{to.Value}\" is empty; write the lower bound first.");
            return false;
        }

        return range.From is not null && range.To is not null;
    }

    private static NumberRangeModel ToModel(NumberRange range) => new(range.From?.Value, range.To?.Value, range.Prefix?.Value);

    /// <summary>Why the two sides could produce the same number, or null. Numbers compare ordinally, as the runtime checks them.</summary>
    private static string? Overlap(NumberRangeModel fo, NumberRangeModel dataverse)
    {
        if (fo.Prefix is { } a && dataverse.Prefix is { } b)
        {
            return a.StartsWith(b, StringComparison.OrdinalIgnoreCase) || b.StartsWith(a, StringComparison.OrdinalIgnoreCase)
                ? $"prefix \"{a}\" and prefix \"{b}\" share numbers"
                : null;
        }

        if (fo.Prefix is not null || dataverse.Prefix is not null)
        {
            var (prefix, range) = fo.Prefix is not null ? (fo.Prefix, dataverse) : (dataverse.Prefix!, fo);
            return PrefixIntersects(prefix, range.From!, range.To!) ? $"prefix \"{prefix}\" reaches into \"{range.From}\"..\"{range.To}\"" : null;
        }

        return string.Compare(fo.From, dataverse.To, StringComparison.OrdinalIgnoreCase) <= 0 && string.Compare(dataverse.From, fo.To, StringComparison.OrdinalIgnoreCase) <= 0
            ? $"\"{fo.From}\"..\"{fo.To}\" and \"{dataverse.From}\"..\"{dataverse.To}\""
            : null;
    }

    /// <summary>Whether some string starting with <paramref name="prefix"/> lies in [from, to].</summary>
    private static bool PrefixIntersects(string prefix, string from, string to) =>
        string.Compare(prefix, to, StringComparison.OrdinalIgnoreCase) <= 0 && (from.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || string.Compare(from, prefix, StringComparison.OrdinalIgnoreCase) <= 0);
}
