using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.UserTypes;

/// <summary>Every user's entity class of the compilation, as binding looks them up by full name.</summary>
internal sealed record UserEntitySet(EquatableArray<UserEntity> Entities)
{
    public static readonly UserEntitySet Empty = new(EquatableArray<UserEntity>.Empty);

    /// <summary>The class <paramref name="qualifiedName"/> marked for <paramref name="side"/>, or null.</summary>
    public UserEntity? Find(string qualifiedName, Side side)
    {
        foreach (var entity in Entities)
        {
            if (entity.Side == side && entity.QualifiedName == qualifiedName)
            {
                return entity;
            }
        }

        return null;
    }
}
