#if DUALWRITE_GENERATOR
namespace DualWrite.Generator.Schema;
#else
namespace DualWrite.Schema;
#endif

/// <summary>
/// The outcome of <see cref="CsdlReader"/>: the schema, or a one-line message saying why the file is not a
/// usable CSDL document (reported by the caller as DW0018). A value, so the pipeline caches it.
/// </summary>
/// <param name="Schema">The schema, when the document is one.</param>
/// <param name="Error">Why it is not, otherwise.</param>
public sealed record CsdlReadResult(SchemaModel? Schema, string? Error)
{
    /// <summary>A document that was read.</summary>
    public static CsdlReadResult Success(SchemaModel schema) => new(schema, null);

    /// <summary>A document that is not usable CSDL, and why.</summary>
    public static CsdlReadResult Failure(string error) => new(null, error);
}
