using System;

namespace DualWrite;

// The attribute form of the map language (DSL.md): each attribute is one clause of a .dwmap declaration and
// means exactly what the clause means. Directions are written as the language's arrows ("<->", "->", "<-")
// so that a field reads like its .dwmap line. The generator reads these attributes from source; they carry
// no behaviour at run time.

/// <summary>
/// Declares a map (DSL <c>map Name : fo EntitySet dir dataverse entityset</c>) on a top-level
/// <c>static partial class</c> named <c>{Name}Map</c>; the generator adds the map's members to that class.
/// Each side is an entity set, whose class the generator emits, or a class the user owns
/// (<c>typeof(VendorGroup)</c>, marked <see cref="FoEntityAttribute"/> or <see cref="DataverseEntityAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DualWriteMapAttribute : Attribute
{
    /// <param name="foEntitySet">The F&amp;O entity set, e.g. <c>CustomersV3</c>.</param>
    /// <param name="direction"><c>"&lt;-&gt;"</c>, <c>"-&gt;"</c> (F&amp;O to Dataverse) or <c>"&lt;-"</c> (Dataverse to F&amp;O).</param>
    /// <param name="dataverseEntitySet">The Dataverse entity set, e.g. <c>accounts</c>.</param>
    public DualWriteMapAttribute(string foEntitySet, string direction, string dataverseEntitySet)
    {
        FoEntitySet = foEntitySet;
        Direction = direction;
        DataverseEntitySet = dataverseEntitySet;
    }

    /// <param name="foType">The user's class for the F&amp;O side, marked <see cref="FoEntityAttribute"/>.</param>
    /// <param name="direction"><c>"&lt;-&gt;"</c>, <c>"-&gt;"</c> (F&amp;O to Dataverse) or <c>"&lt;-"</c> (Dataverse to F&amp;O).</param>
    /// <param name="dataverseType">The user's class for the Dataverse side, marked <see cref="DataverseEntityAttribute"/>.</param>
    public DualWriteMapAttribute(Type foType, string direction, Type dataverseType)
        : this(EntitySetOf(foType), direction, EntitySetOf(dataverseType))
    {
        FoType = foType;
        DataverseType = dataverseType;
    }

    /// <param name="foType">The user's class for the F&amp;O side, marked <see cref="FoEntityAttribute"/>.</param>
    /// <param name="direction"><c>"&lt;-&gt;"</c>, <c>"-&gt;"</c> (F&amp;O to Dataverse) or <c>"&lt;-"</c> (Dataverse to F&amp;O).</param>
    /// <param name="dataverseEntitySet">The Dataverse entity set, whose class the generator emits.</param>
    public DualWriteMapAttribute(Type foType, string direction, string dataverseEntitySet)
        : this(EntitySetOf(foType), direction, dataverseEntitySet) => FoType = foType;

    /// <param name="foEntitySet">The F&amp;O entity set, whose class the generator emits.</param>
    /// <param name="direction"><c>"&lt;-&gt;"</c>, <c>"-&gt;"</c> (F&amp;O to Dataverse) or <c>"&lt;-"</c> (Dataverse to F&amp;O).</param>
    /// <param name="dataverseType">The user's class for the Dataverse side, marked <see cref="DataverseEntityAttribute"/>.</param>
    public DualWriteMapAttribute(string foEntitySet, string direction, Type dataverseType)
        : this(foEntitySet, direction, EntitySetOf(dataverseType)) => DataverseType = dataverseType;

    /// <summary>The F&amp;O entity set.</summary>
    public string FoEntitySet { get; }

    /// <summary>The map's direction as an arrow.</summary>
    public string Direction { get; }

    /// <summary>The Dataverse entity set.</summary>
    public string DataverseEntitySet { get; }

    /// <summary>The user's F&amp;O class, or null when the generator emits it.</summary>
    public Type? FoType { get; }

    /// <summary>The user's Dataverse class, or null when the generator emits it.</summary>
    public Type? DataverseType { get; }

    private static string EntitySetOf(Type type)
    {
        foreach (var attribute in type.GetCustomAttributes(false))
        {
            switch (attribute)
            {
                case FoEntityAttribute fo:
                    return fo.EntitySet;
                case DataverseEntityAttribute dataverse:
                    return dataverse.EntitySet;
            }
        }

        return string.Empty;
    }
}

/// <summary>DSL <c>company striped</c> / <c>company global</c>; inferred from the schemas when omitted.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CompanyAttribute : Attribute
{
    /// <param name="scope">Company-striped or global.</param>
    public CompanyAttribute(CompanyScope scope) => Scope = scope;

    /// <summary>Company-striped or global.</summary>
    public CompanyScope Scope { get; }
}

/// <summary>
/// One pair of the integration key (DSL <c>key Fo &lt;-&gt; dataverse</c>); a key of several pairs takes one
/// attribute per pair. Inferred from the table's alternate keys when omitted.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class KeyAttribute : Attribute
{
    /// <param name="fo">The F&amp;O key field.</param>
    /// <param name="dataverse">The Dataverse alternate-key column.</param>
    public KeyAttribute(string fo, string dataverse)
    {
        Fo = fo;
        Dataverse = dataverse;
    }

    /// <summary>The F&amp;O key field.</summary>
    public string Fo { get; }

    /// <summary>The Dataverse alternate-key column.</summary>
    public string Dataverse { get; }
}

/// <summary>
/// The same clause as <see cref="KeyAttribute"/> under a name that does not clash with
/// <c>System.ComponentModel.DataAnnotations.KeyAttribute</c> when a file imports both namespaces.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DualWriteKeyAttribute : Attribute
{
    /// <param name="fo">The F&amp;O key field.</param>
    /// <param name="dataverse">The Dataverse alternate-key column.</param>
    public DualWriteKeyAttribute(string fo, string dataverse)
    {
        Fo = fo;
        Dataverse = dataverse;
    }

    /// <summary>The F&amp;O key field.</summary>
    public string Fo { get; }

    /// <summary>The Dataverse alternate-key column.</summary>
    public string Dataverse { get; }
}

/// <summary>DSL <c>filter fo `…`</c>: an X++ query-range expression.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FoFilterAttribute : Attribute
{
    /// <param name="expression">For example <c>((PartyType == "Organization") &amp;&amp; (CustomerGroupId != ""))</c>.</param>
    public FoFilterAttribute(string expression) => Expression = expression;

    /// <summary>The filter text.</summary>
    public string Expression { get; }
}

/// <summary>DSL <c>filter dataverse `…`</c>: an OData <c>$filter</c> expression.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DataverseFilterAttribute : Attribute
{
    /// <param name="expression">For example <c>customertypecode eq 3 and statecode eq 0</c>.</param>
    public DataverseFilterAttribute(string expression) => Expression = expression;

    /// <summary>The filter text.</summary>
    public string Expression { get; }
}

/// <summary>DSL <c>after A, B</c>: the maps that go first in an initial sync.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AfterAttribute : Attribute
{
    /// <param name="maps">Map names, e.g. <c>"CustomerGroups"</c>.</param>
    public AfterAttribute(params string[] maps) => Maps = maps;

    /// <param name="mapClasses">Map classes, e.g. <c>typeof(CustomerGroupsMap)</c>: the map's name is the class name without <c>Map</c>.</param>
    public AfterAttribute(params Type[] mapClasses)
    {
        var names = new string[mapClasses.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var name = mapClasses[i].Name;
            names[i] = name.EndsWith("Map", StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) : name;
        }

        Maps = names;
    }

    /// <summary>The map names.</summary>
    public string[] Maps { get; }
}

/// <summary>DSL <c>conflict …</c>; <see cref="ConflictPolicy.Fail"/> when omitted.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConflictAttribute : Attribute
{
    /// <param name="policy">Who wins when both sides changed a record while the map was paused.</param>
    public ConflictAttribute(ConflictPolicy policy) => Policy = policy;

    /// <summary>Who wins.</summary>
    public ConflictPolicy Policy { get; }
}

/// <summary>DSL <c>deletes sync</c> / <c>deletes ignore</c>; <see cref="DeletePolicy.Sync"/> when omitted.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DeletesAttribute : Attribute
{
    /// <param name="policy">Whether deletes flow.</param>
    public DeletesAttribute(DeletePolicy policy) => Policy = policy;

    /// <summary>Whether deletes flow.</summary>
    public DeletePolicy Policy { get; }
}

/// <summary>
/// A field mapping (DSL <c>Fo dir dataverse default v via X</c>). <c>null</c> (or <see cref="None"/>) on one
/// side is the language's <c>none</c>: the other side gets <see cref="Default"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FieldAttribute : Attribute
{
    /// <summary>The language's <c>none</c>: no field on this side.</summary>
    public const string? None = null;

    /// <param name="fo">The F&amp;O field, or <see cref="None"/>.</param>
    /// <param name="direction"><c>"&lt;-&gt;"</c>, <c>"-&gt;"</c> or <c>"&lt;-"</c>.</param>
    /// <param name="dataverse">The Dataverse column, a path through lookups (<c>lookup.column</c>), a polymorphic
    /// lookup (<c>customerid.Account(accountnumber).Contact(msdyn_contactpersonid)</c>), or <see cref="None"/>.</param>
    public FieldAttribute(string? fo, string direction, string? dataverse)
    {
        Fo = fo;
        Direction = direction;
        Dataverse = dataverse;
    }

    /// <summary>The F&amp;O field, or null for <c>none</c>.</summary>
    public string? Fo { get; }

    /// <summary>The direction as an arrow.</summary>
    public string Direction { get; }

    /// <summary>The Dataverse column or path, or null for <c>none</c>.</summary>
    public string? Dataverse { get; }

    /// <summary>
    /// DSL <c>default</c>: the value written when the source value is null or absent (a string, number, bool,
    /// or a generated F&amp;O enum member such as <c>Fo.NoYes.Yes</c>).
    /// </summary>
    public object? Default { get; set; }

    /// <summary>
    /// DSL <c>via</c>: a value map's name (<c>nameof(PaymentTermsCodes)</c>) or a static method,
    /// <c>"Namespace.Type.Method"</c> or <c>nameof(Text.TitleCase)</c>.
    /// </summary>
    public string? Via { get; set; }
}

/// <summary>
/// DSL <c>numbers Name for Map.Field { … }</c> on the map class: each side's range (<c>FoFrom</c>..<c>FoTo</c>)
/// or prefix for a number-sequence key field.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NumbersAttribute : Attribute
{
    /// <param name="name">The sequence's name, e.g. <c>CustomerAccounts</c>.</param>
    /// <param name="field">The map's key field, e.g. <c>CustomerAccount</c>.</param>
    public NumbersAttribute(string name, string field)
    {
        Name = name;
        Field = field;
    }

    /// <summary>The sequence's name.</summary>
    public string Name { get; }

    /// <summary>The numbered F&amp;O field.</summary>
    public string Field { get; }

    /// <summary>First number of F&amp;O's range.</summary>
    public string? FoFrom { get; set; }

    /// <summary>Last number of F&amp;O's range.</summary>
    public string? FoTo { get; set; }

    /// <summary>F&amp;O's prefix, instead of a range.</summary>
    public string? FoPrefix { get; set; }

    /// <summary>First number of Dataverse's range.</summary>
    public string? DataverseFrom { get; set; }

    /// <summary>Last number of Dataverse's range.</summary>
    public string? DataverseTo { get; set; }

    /// <summary>Dataverse's prefix, instead of a range.</summary>
    public string? DataversePrefix { get; set; }
}

/// <summary>
/// Declares a value map (DSL <c>valuemap Name { … }</c>) named after the class; its entries are
/// <see cref="ValueMapEntryAttribute"/>s and <see cref="ValueMapElseAttribute"/>s on the same class. The
/// generated value map is <c>{Namespace}.ValueMaps.{Name}</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DualWriteValueMapAttribute : Attribute
{
}

/// <summary>DSL <c>fo dir dataverse</c> inside a value map.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ValueMapEntryAttribute : Attribute
{
    /// <param name="fo">The F&amp;O value: a string, number, bool, or a generated enum member such as <c>Fo.NoYes.Yes</c>.</param>
    /// <param name="direction"><c>"&lt;-&gt;"</c>, <c>"-&gt;"</c> or <c>"&lt;-"</c>.</param>
    /// <param name="dataverse">The Dataverse value.</param>
    public ValueMapEntryAttribute(object? fo, string direction, object? dataverse)
    {
        Fo = fo;
        Direction = direction;
        Dataverse = dataverse;
    }

    /// <summary>The F&amp;O value.</summary>
    public object? Fo { get; }

    /// <summary>The direction as an arrow.</summary>
    public string Direction { get; }

    /// <summary>The Dataverse value.</summary>
    public object? Dataverse { get; }
}

/// <summary>
/// DSL <c>else -&gt; value</c> (the Dataverse value for anything without an entry) or <c>else &lt;- value</c>
/// (the F&amp;O value for anything without an entry).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ValueMapElseAttribute : Attribute
{
    /// <param name="direction"><c>"-&gt;"</c> or <c>"&lt;-"</c>.</param>
    /// <param name="value">What the fallback produces in that direction.</param>
    public ValueMapElseAttribute(string direction, object? value)
    {
        Direction = direction;
        Value = value;
    }

    /// <summary>The direction as an arrow.</summary>
    public string Direction { get; }

    /// <summary>The fallback value.</summary>
    public object? Value { get; }
}

/// <summary>
/// DSL <c>schema fo "path"</c>: the $metadata document of one side, relative to the project directory. It
/// must be one of the project's AdditionalFiles. A side may instead be declared in a .dwmap file.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class DualWriteSchemaAttribute : Attribute
{
    /// <param name="side">Which environment.</param>
    /// <param name="path">The document's path relative to the project directory.</param>
    public DualWriteSchemaAttribute(Side side, string path)
    {
        Side = side;
        Path = path;
    }

    /// <summary>Which environment.</summary>
    public Side Side { get; }

    /// <summary>The document's path relative to the project directory.</summary>
    public string Path { get; }
}
