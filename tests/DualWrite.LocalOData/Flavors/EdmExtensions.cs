using Microsoft.OData.Edm;

namespace DualWrite.LocalOData.Flavors;

internal static class EdmExtensions
{
    public static IEdmEnumType AsEnumDefinition(this IEdmTypeReference type) => type.AsEnum().EnumDefinition();
}
