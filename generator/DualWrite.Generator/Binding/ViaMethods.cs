using System.Linq;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Binding;

/// <summary>
/// The static methods that <c>via</c> names resolve to, read out of the compilation as plain strings: the
/// binder never sees a symbol, and a C# edit that leaves these signatures alone leaves the model cached.
/// </summary>
internal sealed record ViaMethodSet(EquatableArray<ViaMethod> Methods)
{
    public static readonly ViaMethodSet Empty = new(EquatableArray<ViaMethod>.Empty);

    public ViaMethod? Find(string name) => Methods.FirstOrDefault(m => m.Name == name);
}

/// <summary>
/// One name as written after <c>via</c> (<c>Namespace.Type.Method</c>). <see cref="ContainingType"/> is the
/// fully qualified type when found; <see cref="Overloads"/> holds its static methods of that name that take one
/// parameter.
/// </summary>
internal sealed record ViaMethod(string Name, string? ContainingType, EquatableArray<ViaOverload> Overloads);

/// <summary>
/// One overload, with types as fully qualified C# (<c>string</c>, <c>decimal?</c>, <c>global::System.Guid</c>).
/// <see cref="ParameterAcceptsNull"/> is false for a non-nullable value type or a non-annotated reference type
/// in a nullable context, so the generated call is guarded against null.
/// </summary>
internal sealed record ViaOverload(string ParameterType, string ReturnType, bool ParameterAcceptsNull);
