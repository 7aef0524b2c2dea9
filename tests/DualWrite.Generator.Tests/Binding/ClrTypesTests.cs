using DualWrite.Generator.Binding;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// The C# type a generated entity class gives each EDM primitive (DSL.md §6: always nullable), and the numeric
/// copies a map makes without a conversion: only widenings that lose nothing.
/// </summary>
public sealed class ClrTypesTests
{
    [Theory]
    [InlineData("Edm.String", "string?")]
    [InlineData("Edm.Decimal", "decimal?")]
    [InlineData("Edm.Int32", "int?")]
    [InlineData("Edm.Int64", "long?")]
    [InlineData("Edm.Int16", "short?")]
    [InlineData("Edm.Byte", "byte?")]
    [InlineData("Edm.SByte", "sbyte?")]
    [InlineData("Edm.Double", "double?")]
    [InlineData("Edm.Single", "float?")]
    [InlineData("Edm.Boolean", "bool?")]
    [InlineData("Edm.Guid", "global::System.Guid?")]
    [InlineData("Edm.DateTimeOffset", "global::System.DateTimeOffset?")]
    [InlineData("Edm.Date", "global::System.DateOnly?")]
    [InlineData("Edm.TimeOfDay", "global::System.TimeOnly?")]
    [InlineData("Edm.Duration", "global::System.TimeSpan?")]
    [InlineData("Edm.Binary", "byte[]?")]
    [InlineData("Edm.Stream", null)]
    public void Each_EDM_primitive_has_its_nullable_CLR_type(string edmType, string? clrType) =>
        Assert.Equal(clrType, ClrTypes.OfEdm(edmType));

    [Theory]
    [InlineData("byte?", "short?")]
    [InlineData("byte?", "int?")]
    [InlineData("byte?", "long?")]
    [InlineData("byte?", "decimal?")]
    [InlineData("byte?", "double?")]
    [InlineData("short?", "int?")]
    [InlineData("short?", "long?")]
    [InlineData("short?", "decimal?")]
    [InlineData("short?", "double?")]
    [InlineData("int?", "long?")]
    [InlineData("int?", "decimal?")]
    [InlineData("int?", "double?")]
    [InlineData("long?", "decimal?")]
    [InlineData("float?", "double?")]
    [InlineData("string?", "string?")]
    public void A_widening_that_loses_nothing_is_copied_as_it_is(string source, string target) =>
        Assert.True(ClrTypes.CanCopy(source, target));

    [Theory]
    [InlineData("short?", "byte?")]
    [InlineData("int?", "short?")]
    [InlineData("long?", "int?")]
    [InlineData("long?", "double?")]
    [InlineData("decimal?", "double?")]
    [InlineData("double?", "float?")]
    [InlineData("double?", "decimal?")]
    [InlineData("sbyte?", "byte?")]
    [InlineData("int?", "float?")]
    [InlineData("string?", "int?")]
    public void A_copy_that_could_lose_a_value_is_not(string source, string target) =>
        Assert.False(ClrTypes.CanCopy(source, target));

    [Theory]
    [InlineData("byte?", true, true)]
    [InlineData("sbyte?", true, true)]
    [InlineData("short?", true, true)]
    [InlineData("int?", true, true)]
    [InlineData("long?", true, true)]
    [InlineData("decimal?", true, false)]
    [InlineData("double?", true, false)]
    [InlineData("float?", true, false)]
    [InlineData("string?", false, false)]
    [InlineData("bool?", false, false)]
    public void Numeric_and_integral_types_are_told_apart(string clrType, bool numeric, bool integral) =>
        Assert.Equal((numeric, integral), (ClrTypes.IsNumeric(clrType), ClrTypes.IsIntegral(clrType)));

    [Theory]
    [InlineData("global::System.Guid?", "Guid", "global::System.Guid", true)]
    [InlineData("string?", "string", "string", false)]
    [InlineData("byte[]?", "byte[]", "byte[]", false)]
    [InlineData("int", "int", "int", true)]
    [InlineData("object", "object", "object", false)]
    public void Display_underlying_and_value_type(string clrType, string display, string underlying, bool valueType) =>
        Assert.Equal((display, underlying, valueType), (ClrTypes.Display(clrType), ClrTypes.Underlying(clrType), ClrTypes.IsValueType(clrType)));
}
