using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Contoso.Integration;
using DualWrite.Samples.Tests.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Benchmarks;

/// <summary>
/// Deciding whether a record syncs, per record, for the Customers map: F&amp;O filter
/// <c>((PartyType == "Organization") &amp;&amp; (CustomerGroupId != ""))</c> (OData: <c>CustomersMap.FoODataFilter</c>) and
/// Dataverse filter <c>customertypecode eq 3 and statecode eq 0</c>.
/// <list type="bullet">
/// <item><c>Compiled</c>: the generated <c>CustomersMap.MatchesFoFilter</c> / <c>MatchesDataverseFilter</c> on typed objects.</item>
/// <item><c>ODataParsedOnce</c>: the filter parsed once by Microsoft.OData.Core into a <see cref="FilterClause"/>,
/// interpreted per dictionary record (a metadata-driven runtime).</item>
/// <item><c>ODataParsePerRecord</c>: parse and interpret per record (a naive runtime). The CSDL model is loaded once.</item>
/// </list>
/// Each invocation runs the eight records of <see cref="FilterRecords"/> (<c>OperationsPerInvoke = 8</c>, so the
/// figures are per record); the evaluator is the one the sample tests prove agrees with the compiled predicates.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FilterBenchmarks
{
    private const int Records = 8;

    // The generated map class exposes no Dataverse filter text; Setup checks this one against customers.dwmap.
    private const string DataverseFilter = "customertypecode eq 3 and statecode eq 0";

    private readonly Fo.CustomerV3[] _customers = FilterRecords.Customers();
    private readonly Dataverse.Account[] _accounts = FilterRecords.Accounts();
    private IReadOnlyDictionary<string, object?>[] _customerRecords = Array.Empty<IReadOnlyDictionary<string, object?>>();
    private IReadOnlyDictionary<string, object?>[] _accountRecords = Array.Empty<IReadOnlyDictionary<string, object?>>();
    private IEdmModel _foModel = null!;
    private IEdmModel _dataverseModel = null!;
    private FilterClause _foFilter = null!;
    private FilterClause _dataverseFilter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _customerRecords = FilterRecords.ToRecords(_customers);
        _accountRecords = FilterRecords.ToRecords(_accounts);
        _foModel = SampleFiles.FoModel;
        _dataverseModel = SampleFiles.DataverseModel;
        _foFilter = ODataFilterEvaluator.Parse(_foModel, CustomersMap.FoEntitySet, CustomersMap.FoODataFilter!);
        _dataverseFilter = ODataFilterEvaluator.Parse(_dataverseModel, CustomersMap.DataverseEntitySet, DataverseFilter);

        if (SampleFiles.FilterText("customers.dwmap", "Customers", "dataverse") != DataverseFilter)
        {
            throw new InvalidOperationException("the Customers map's Dataverse filter is no longer '" + DataverseFilter + "'");
        }

        // The variants must decide alike (three of the eight records sync on each side), or the timings compare nothing.
        Check("F&O", 3, FoCompiled(), FoODataParsedOnce(), FoODataParsePerRecord());
        Check("Dataverse", 3, DataverseCompiled(), DataverseODataParsedOnce(), DataverseODataParsePerRecord());
    }

    [BenchmarkCategory("F&O"), Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int FoCompiled()
    {
        var matches = 0;
        foreach (var customer in _customers)
        {
            matches += CustomersMap.MatchesFoFilter(customer) ? 1 : 0;
        }

        return matches;
    }

    [BenchmarkCategory("F&O"), Benchmark(OperationsPerInvoke = Records)]
    public int FoODataParsedOnce()
    {
        var matches = 0;
        foreach (var record in _customerRecords)
        {
            matches += ODataFilterEvaluator.Evaluate(_foFilter, record) ? 1 : 0;
        }

        return matches;
    }

    [BenchmarkCategory("F&O"), Benchmark(OperationsPerInvoke = Records)]
    public int FoODataParsePerRecord()
    {
        var matches = 0;
        foreach (var record in _customerRecords)
        {
            matches += ODataFilterEvaluator.Evaluate(_foModel, CustomersMap.FoEntitySet, CustomersMap.FoODataFilter!, record) ? 1 : 0;
        }

        return matches;
    }

    [BenchmarkCategory("Dataverse"), Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int DataverseCompiled()
    {
        var matches = 0;
        foreach (var account in _accounts)
        {
            matches += CustomersMap.MatchesDataverseFilter(account) ? 1 : 0;
        }

        return matches;
    }

    [BenchmarkCategory("Dataverse"), Benchmark(OperationsPerInvoke = Records)]
    public int DataverseODataParsedOnce()
    {
        var matches = 0;
        foreach (var record in _accountRecords)
        {
            matches += ODataFilterEvaluator.Evaluate(_dataverseFilter, record) ? 1 : 0;
        }

        return matches;
    }

    [BenchmarkCategory("Dataverse"), Benchmark(OperationsPerInvoke = Records)]
    public int DataverseODataParsePerRecord()
    {
        var matches = 0;
        foreach (var record in _accountRecords)
        {
            matches += ODataFilterEvaluator.Evaluate(_dataverseModel, CustomersMap.DataverseEntitySet, DataverseFilter, record) ? 1 : 0;
        }

        return matches;
    }

    private static void Check(string side, int expected, int compiled, int parsedOnce, int parsePerRecord)
    {
        if (compiled != expected || parsedOnce != expected || parsePerRecord != expected)
        {
            throw new InvalidOperationException(side + " filter: expected " + expected + " of " + Records + " records to match; compiled "
                + compiled + ", OData parsed once " + parsedOnce + ", parsed per record " + parsePerRecord);
        }
    }
}
