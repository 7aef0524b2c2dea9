using System;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// Both schemas with their indexes, built once per schema read rather than once per declaration cut from them
/// (<see cref="SchemaSlice"/>). Equal when the schemas are: the indexes follow from them.
/// </summary>
internal sealed class IndexedSchemas : IEquatable<IndexedSchemas>
{
    public IndexedSchemas(SchemaContext schemas)
    {
        Schemas = schemas;
        Fo = schemas.Fo is null ? null : SchemaIndex.ForFo(schemas.Fo);
        Dataverse = schemas.Dataverse is null ? null : SchemaIndex.ForDataverse(schemas.Dataverse);
    }

    public SchemaContext Schemas { get; }

    public SchemaIndex? Fo { get; }

    public SchemaIndex? Dataverse { get; }

    public bool Equals(IndexedSchemas? other) => other is not null && Schemas.Equals(other.Schemas);

    public override bool Equals(object? obj) => Equals(obj as IndexedSchemas);

    public override int GetHashCode() => Schemas.GetHashCode();
}
