using BenchmarkDotNet.Attributes;
using Contoso.Integration;
using Contoso.Integration.Fo;
using DualWrite;

namespace DualWrite.Benchmarks;

/// <summary>
/// Reading and comparing a value-type property (<c>CustomerV3.CreditLimit</c>, a <c>decimal?</c>) through the generated
/// descriptor: typed (<see cref="EntityProperty{T, TValue}"/>, what the engine's compare and copy use) against the
/// <see cref="IEntityProperty"/> object accessors, which box it.
/// </summary>
[MemoryDiagnoser]
public class EntityPropertyBenchmarks
{
    private readonly EntityProperty<CustomerV3> _creditLimit = CustomersMap.Definition.Fo.Find(nameof(CustomerV3.CreditLimit))!;
    private readonly CustomerV3 _left = new() { CreditLimit = 1_000m };
    private readonly CustomerV3 _right = new() { CreditLimit = 1_000.00m };

    [Benchmark(Baseline = true, Description = "read as object (boxes)")]
    public object? ReadObject() => ((IEntityProperty)_creditLimit).GetValue(_left);

    [Benchmark(Description = "read typed")]
    public decimal? ReadTyped() => _creditLimit.Get<decimal?>(_left);

    [Benchmark(Description = "compare as objects (boxes twice)")]
    public bool CompareObjects() => Equals(((IEntityProperty)_creditLimit).GetValue(_left), ((IEntityProperty)_creditLimit).GetValue(_right));

    [Benchmark(Description = "compare typed")]
    public bool CompareTyped() => _creditLimit.ValuesEqual(_left, _right);
}
