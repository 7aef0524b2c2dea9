namespace DualWrite.Generator.Attributes;

/// <summary>The attribute classes of DualWrite.Abstractions, by full name.</summary>
internal static class AttributeNames
{
    public const string Namespace = "DualWrite";
    public const string Map = "DualWrite.DualWriteMapAttribute";
    public const string Company = "DualWrite.CompanyAttribute";
    public const string Key = "DualWrite.KeyAttribute";
    public const string DualWriteKey = "DualWrite.DualWriteKeyAttribute";
    public const string FoFilter = "DualWrite.FoFilterAttribute";
    public const string DataverseFilter = "DualWrite.DataverseFilterAttribute";
    public const string After = "DualWrite.AfterAttribute";
    public const string Conflict = "DualWrite.ConflictAttribute";
    public const string Deletes = "DualWrite.DeletesAttribute";
    public const string Field = "DualWrite.FieldAttribute";
    public const string Numbers = "DualWrite.NumbersAttribute";
    public const string ValueMap = "DualWrite.DualWriteValueMapAttribute";
    public const string ValueMapEntry = "DualWrite.ValueMapEntryAttribute";
    public const string ValueMapElse = "DualWrite.ValueMapElseAttribute";
    public const string Schema = "DualWrite.DualWriteSchemaAttribute";
    public const string FoEntity = "DualWrite.FoEntityAttribute";
    public const string DataverseEntity = "DualWrite.DataverseEntityAttribute";
    public const string EntityProperty = "DualWrite.EntityPropertyAttribute";

    /// <summary>The attributes that belong on a <c>[DualWriteMap]</c> class.</summary>
    public static readonly string[] MapClauses = { Company, Key, DualWriteKey, FoFilter, DataverseFilter, After, Conflict, Deletes, Field, Numbers };

    /// <summary>The attributes that belong on a <c>[DualWriteValueMap]</c> class.</summary>
    public static readonly string[] ValueMapClauses = { ValueMapEntry, ValueMapElse };
}
