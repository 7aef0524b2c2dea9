using System;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Benchmarks;

/// <summary>
/// The compiler's front end on real-sized input: reading the real Dataverse $metadata documents of
/// tests/TestData/dataverse-csdl, and parsing a 2,000-line .dwmap file.
/// </summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private string _crmSchema = string.Empty;
    private string _dynamicsCrm = string.Empty;
    private string _largeMap = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Path.Combine(RepositoryRoot(), "tests", "TestData", "dataverse-csdl");
        _crmSchema = File.ReadAllText(Path.Combine(corpus, "crm_schema.xml"));
        _dynamicsCrm = File.ReadAllText(Path.Combine(corpus, "DynamicsCRM.xml"));
        _largeMap = LargeMap(2_000);
    }

    [Benchmark(Description = "Read crm_schema.xml (4.0 MB)")]
    public CsdlReadResult ReadCrmSchema() => CsdlReader.Read("crm_schema.xml", _crmSchema);

    [Benchmark(Description = "Read DynamicsCRM.xml (3.8 MB)")]
    public CsdlReadResult ReadDynamicsCrm() => CsdlReader.Read("DynamicsCRM.xml", _dynamicsCrm);

    [Benchmark(Description = "Parse a 2,000-line .dwmap")]
    public object ParseLargeMap() => DwmapParser.Parse("large.dwmap", _largeMap);

    private static string LargeMap(int lines)
    {
        var text = new StringBuilder("namespace Bench\n");
        var map = 0;
        while (text.Length < lines * 40)
        {
            text.Append("map M").Append(map).Append(" : fo Customers").Append(map).Append(" <-> dataverse accounts").Append(map).Append(" {\n");
            text.Append("  key CustomerAccount <-> accountnumber\n  filter fo `((PartyType == \"Organization\"))`\n");
            foreach (var field in Enumerable.Range(0, 15))
            {
                text.Append("  Field").Append(field).Append(" <-> column").Append(field).Append(field % 3 == 0 ? " default \"x\"\n" : "\n");
            }

            text.Append("}\n");
            map++;
        }

        return text.ToString();
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DualWrite.Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
