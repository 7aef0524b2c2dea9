using DualWrite.Generator.Syntax;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.UserTypes;

/// <summary>Which part of a user's entity class a problem points at.</summary>
internal enum UserEntityPart
{
    ClassName,
    EntitySet,
    PropertyName,
    PropertyType,
    PropertySchemaName,
}

/// <summary>
/// A problem of a user's entity class against its schema, without a position: binding uses it to refuse the
/// maps over that class (the problem is reported once, at the class), the checks step to locate and report it.
/// </summary>
/// <param name="Property">The index of the property in <see cref="UserEntity.Properties"/>, or -1 for the class.</param>
internal sealed record UserEntityProblem(DiagnosticDescriptor Descriptor, UserEntityPart Part, int Property, string Message);
