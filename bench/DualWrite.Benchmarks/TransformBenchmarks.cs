using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Contoso.Integration;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Benchmarks;

/// <summary>
/// One customer record transformed towards Dataverse: the generated <c>CustomersMap.ToDataverse</c> against a
/// hand-written transform (the limit), Mapperly, and a dictionary-based metadata-driven mapper. The target
/// object is reused, so the allocations shown are the transform's own (the title-cased city string is the
/// same in every variant).
/// </summary>
[MemoryDiagnoser]
public class TransformBenchmarks
{
    private readonly Fo.CustomerV3 _source = CustomerRecords.Create();
    private readonly Dataverse.Account _target = new();
    private readonly Dictionary<string, object?> _sourceRecord = DictionaryMapper.CustomerRecord();
    private readonly Dictionary<string, object?> _targetRecord = new();
    private readonly DictionaryMapper _dictionaryMapper = DictionaryMapper.Customers();

    [Benchmark(Baseline = true, Description = "Hand-written")]
    public Dataverse.Account HandWritten()
    {
        HandWrittenCustomerTransform.ToDataverse(_source, _target);
        return _target;
    }

    [Benchmark(Description = "Generated (CustomersMap.ToDataverse)")]
    public Dataverse.Account Generated()
    {
        CustomersMap.ToDataverse(_source, _target);
        return _target;
    }

    [Benchmark(Description = "Mapperly")]
    public Dataverse.Account Mapperly()
    {
        MapperlyCustomerMapper.ToDataverse(_source, _target);
        return _target;
    }

    [Benchmark(Description = "Dictionary-based (metadata-driven)")]
    public Dictionary<string, object?> DictionaryBased()
    {
        _dictionaryMapper.Map(_sourceRecord, _targetRecord);
        return _targetRecord;
    }
}
