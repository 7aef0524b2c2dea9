using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DualWrite.Generator.Common;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Looks up the static methods named by <c>via</c> in the compilation and keeps only their signatures as
/// strings, following the cookbook: select a small equatable value out of the compilation.
/// </summary>
internal static class ViaMethodResolver
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static ViaMethodSet Resolve(EquatableArray<string> names, Compilation compilation, CancellationToken cancellationToken)
    {
        var methods = new List<ViaMethod>();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dot = name.LastIndexOf('.');
            var type = compilation.GetTypeByMetadataName(name.Substring(0, dot));
            if (type is null)
            {
                methods.Add(new ViaMethod(name, null, EquatableArray<ViaOverload>.Empty));
                continue;
            }

            var overloads = type.GetMembers(name.Substring(dot + 1))
                .OfType<IMethodSymbol>()
                .Where(m => m.IsStatic && m.Parameters.Length == 1 && !m.ReturnsVoid && !m.IsGenericMethod
                    && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
                .Select(m => new ViaOverload(Display(m.Parameters[0].Type), Display(m.ReturnType), AcceptsNull(m.Parameters[0])))
                .ToEquatableArray();
            methods.Add(new ViaMethod(name, type.ToDisplayString(TypeFormat), overloads));
        }

        return new ViaMethodSet(methods.ToEquatableArray());
    }

    private static string Display(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);

    private static bool AcceptsNull(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        if (type.IsValueType)
        {
            return type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        }

        return parameter.NullableAnnotation != NullableAnnotation.NotAnnotated;
    }
}
