using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Decides how a value flows in one direction of a field: a copy, a value map, a static method, or a
/// constant, with the <c>default</c> for null sources (DSL.md §4 "Fields").
/// </summary>
internal sealed class ConversionBinder
{
    private readonly BindingContext _context;

    public ConversionBinder(BindingContext context) => _context = context;

    /// <summary>
    /// The conversion from <paramref name="sourceType"/> (null for <c>none</c>) to <paramref name="targetType"/>
    /// towards <paramref name="towards"/>, or null after reporting.
    /// </summary>
    public ConversionModel? Bind(FieldItem field, Side towards, string? sourceType, string targetType, DefaultTransform? @default, ViaTransform? via)
    {
        string? defaultExpression = null;
        if (@default is not null)
        {
            defaultExpression = LiteralConverter.ToExpression(@default.Value, targetType, _context.Fo, _context.FoNamespace, out var error);
            if (defaultExpression is null)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.FieldTypeMismatch, @default.Value.Range,
                    $"The default value does not fit {TargetName(field, towards)}: {error}; write a default of that type.");
                return null;
            }
        }

        if (sourceType is null)
        {
            if (defaultExpression is null)
            {
                var range = towards == Side.Dataverse ? field.FoRange : field.DataverseRange;
                _context.Diagnostics.Add(DiagnosticDescriptors.FieldTypeMismatch, range,
                    $"'none' gives {TargetName(field, towards)} no value; add 'default <value>' to set a constant.");
                return null;
            }

            return new ConversionModel(null, targetType, defaultExpression, ConversionKind.Constant, null, false);
        }

        if (via is null)
        {
            if (!ClrTypes.CanCopy(sourceType, targetType))
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.FieldTypeMismatch, field.DirectionRange,
                    $"{SourceName(field, towards)} is {ClrTypes.Display(sourceType)} but {TargetName(field, towards)} is {ClrTypes.Display(targetType)}; add 'via <ValueMap>' or 'via <Namespace.Type.Method>' to convert.");
                return null;
            }

            return new ConversionModel(sourceType, targetType, defaultExpression, ConversionKind.Copy, null, false);
        }

        var name = via.Name.Text;
        var valueMap = _context.Declarations.FindValueMap(name);
        if (valueMap is not null)
        {
            return BindValueMap(field, towards, sourceType, targetType, defaultExpression, via, valueMap);
        }

        var method = _context.ViaMethods.Find(name);
        if (method?.ContainingType is null || method.Overloads.IsEmpty)
        {
            var hint = NameSuggestions.Hint(name, _context.Declarations.ValueMaps.Select(v => v.Name));
            _context.Diagnostics.Add(DiagnosticDescriptors.ViaNotFound, via.Name.Range, name.IndexOf('.') < 0
                ? $"There is no value map '{name}'.{hint} Declare 'valuemap {name} {{ ... }}' or name a static method as 'Namespace.Type.Method'."
                : method?.ContainingType is null
                    ? $"There is no type '{name.Substring(0, name.LastIndexOf('.'))}' in the compilation for 'via {name}'; name a static method as 'Namespace.Type.Method'."
                    : $"Type '{method.ContainingType.Replace("global::", string.Empty)}' has no static method '{name.Substring(name.LastIndexOf('.') + 1)}' with one parameter; declare 'static {targetType} {name.Substring(name.LastIndexOf('.') + 1)}({sourceType} value)'.");
            return null;
        }

        var overload = method.Overloads.FirstOrDefault(o => ClrTypes.CanCopy(sourceType, o.ParameterType) && ClrTypes.CanCopy(o.ReturnType, targetType));
        if (overload is null)
        {
            var found = string.Join(", ", method.Overloads.Select(o => $"{o.ReturnType} ({o.ParameterType})"));
            _context.Diagnostics.Add(DiagnosticDescriptors.ViaNotFound, via.Name.Range,
                $"'{name}' has no overload from {ClrTypes.Display(sourceType)} to {ClrTypes.Display(targetType)} {Arrow(towards)} (found {found}); add 'public static {ClrTypes.Underlying(targetType)}? {name.Substring(name.LastIndexOf('.') + 1)}({sourceType} value)'.");
            return null;
        }

        return new ConversionModel(sourceType, targetType, defaultExpression, ConversionKind.Method, "global::" + name, !overload.ParameterAcceptsNull);
    }

    private ConversionModel? BindValueMap(FieldItem field, Side towards, string sourceType, string targetType, string? defaultExpression, ViaTransform via, ValueMapSummary valueMap)
    {
        if (Emit.GeneratedNames.ValueMapProblem(valueMap.Name) is not null)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.ViaNotFound, via.Name.Range,
                $"Value map '{valueMap.Name}' is not generated: its name cannot be a C# class (DW0026 at its declaration); rename it here and there.");
            return null;
        }

        var converts = towards == Side.Dataverse ? valueMap.ConvertsToDataverse : valueMap.ConvertsToFo;
        if (!converts)
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.ViaNotFound, via.Name.Range,
                $"Value map '{valueMap.Name}' has no entries {Arrow(towards)}; add entries with '<->' or '{(towards == Side.Dataverse ? "->" : "<-")}'.");
            return null;
        }

        var foType = ValueMapTypes.ClrType(valueMap.Fo, Side.Fo, _context.Fo, valueMap.Namespace + ".Fo");
        var dataverseType = ValueMapTypes.ClrType(valueMap.Dataverse, Side.Dataverse, _context.Fo, valueMap.Namespace + ".Fo");
        if (foType is null || dataverseType is null)
        {
            // The value map's own binding reports why its values have no single type.
            return null;
        }

        var (from, to) = towards == Side.Dataverse ? (foType, dataverseType) : (dataverseType, foType);
        if (!ClrTypes.CanCopy(sourceType, from) || !ClrTypes.CanCopy(to, targetType))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.FieldTypeMismatch, via.Name.Range,
                $"Value map '{valueMap.Name}' converts {ClrTypes.Display(from)} to {ClrTypes.Display(to)} {Arrow(towards)}, but {SourceName(field, towards)} is {ClrTypes.Display(sourceType)} and {TargetName(field, towards)} is {ClrTypes.Display(targetType)}.");
            return null;
        }

        var method = "global::" + valueMap.Namespace + ".ValueMaps." + CSharp.TypeName(valueMap.Name) + (towards == Side.Dataverse ? ".ToDataverse" : ".ToFo");
        return new ConversionModel(sourceType, targetType, defaultExpression, ConversionKind.ValueMap, method, false);
    }

    private static string Arrow(Side towards) => towards == Side.Dataverse ? "towards Dataverse" : "towards F&O";

    private static string SourceName(FieldItem field, Side towards) => towards == Side.Dataverse
        ? $"F&O field '{field.Fo?.Text}'"
        : $"Dataverse column '{field.Dataverse?.Text}'";

    private static string TargetName(FieldItem field, Side towards) => towards == Side.Dataverse
        ? $"Dataverse column '{field.Dataverse?.Text}'"
        : $"F&O field '{field.Fo?.Text}'";
}
