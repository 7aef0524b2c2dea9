extern alias Abstractions;

using System;
using Abstractions::DualWrite;

namespace DualWrite.Generator.Tests.Abstractions;

/// <summary>The typed property accessors generated descriptors use (issue 20): typed reads, compares and copies allocate nothing.</summary>
public sealed class TypedEntityPropertyTests
{
    private sealed class Row
    {
        public decimal? Credit { get; set; }

        public string? Name { get; set; }
    }

    private static readonly EntityProperty<Row, decimal?> Credit = new("Credit", "Edm.Decimal", static r => r.Credit, static (r, v) => r.Credit = v);
    private static readonly EntityProperty<Row, string?> Name = new("Name", "Edm.String", static r => r.Name, static (r, v) => r.Name = v);

    [Fact]
    public void The_typed_property_keeps_the_object_api_for_tools()
    {
        var row = new Row { Credit = 12.5m };
        IEntityProperty property = Credit;

        Assert.Equal(typeof(decimal), property.ClrType);
        Assert.Equal(12.5m, property.GetValue(row));
        property.SetValue(row, null);
        Assert.Null(row.Credit);
        Assert.Equal(typeof(string), ((IEntityProperty)Name).ClrType);
    }

    [Fact]
    public void Typed_reads_compares_and_copies_match_the_object_ones()
    {
        var left = new Row { Credit = 1.0m, Name = "A" };
        var right = new Row { Credit = 1.00m, Name = "a" };
        EntityProperty<Row> untyped = new("Credit", "Edm.Decimal", typeof(decimal), static r => r.Credit, static (r, v) => r.Credit = (decimal?)v);

        Assert.Equal(untyped.ValuesEqual(left, right), Credit.ValuesEqual(left, right));
        Assert.False(Name.ValuesEqual(left, right));
        Assert.Equal(1.0m, Credit.Get<decimal?>(left));
        Assert.Equal(1.0m, untyped.Get<decimal?>(left));

        Name.CopyValue(left, right);
        Credit.Set<decimal?>(right, 7m);
        Assert.Equal(("A", 7m), (right.Name, right.Credit));
        Assert.Throws<InvalidCastException>(() => Credit.Get<int?>(left));
    }

    [Fact]
    public void Typed_access_to_a_value_type_allocates_nothing()
    {
        var left = new Row { Credit = 3m };
        var right = new Row { Credit = 4m };
        EntityProperty<Row> property = Credit;
        Exercise(property, left, right);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Exercise(property, left, right);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(4m, left.Credit);
    }

    private static void Exercise(EntityProperty<Row> property, Row left, Row right)
    {
        for (var i = 0; i < 1_000; i++)
        {
            _ = property.ValuesEqual(left, right);
            _ = property.Get<decimal?>(left);
            property.CopyValue(right, left);
        }
    }
}
