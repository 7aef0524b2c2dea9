namespace DualWrite.Generator.Schema;

/// <summary>
/// The outcome of <see cref="CsdlReader.Read"/>: the schema, or a one-line message saying why the file is not a
/// usable CSDL document (reported by the caller as DW0018). A value, so the pipeline caches it.
/// </summary>
public sealed record CsdlReadResult(SchemaModel? Schema, string? Error)
{
    public static CsdlReadResult Success(SchemaModel schema) => new(schema, null);

    public static CsdlReadResult Failure(string error) => new(null, error);
}
