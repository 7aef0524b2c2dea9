using System.Diagnostics;
using System.Globalization;
using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DualWrite.Generator.Tests.Robustness;

/// <summary>
/// A value map of 10,000 entries both ways generates code that compiles, as lookup tables whose compile cost grows
/// linearly with the entries. The time is printed, not asserted (docs/performance-generator.md has the figures); a
/// 10-entry map runs first, so the figure leaves out loading and JIT-compiling Roslyn.
/// </summary>
public sealed class LargeValueMapTests(ITestOutputHelper output)
{
    [Fact]
    public void A_value_map_of_10000_entries_both_ways_compiles()
    {
        GenerateAndCompile(10);
        GenerateAndCompile(10_000);
    }

    private void GenerateAndCompile(int entries)
    {
        var lines = Enumerable.Range(1, entries).Select(i => "  \"T" + i.ToString(CultureInfo.InvariantCulture) + "\" <-> " + i.ToString(CultureInfo.InvariantCulture));
        var markup = "namespace Tests\n" + MapTest.SchemaHeader + $$"""
            map Customers : fo CustomersV3 <-> dataverse accounts {
              company striped
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
              PaymentTerms    <-> msdyn_paymentterms   via Terms
            }

            valuemap Terms {
            {{string.Join("\n", lines)}}
            }
            """;

        var watch = Stopwatch.StartNew();
        MapTest.Verify(markup);
        output.WriteLine($"value map of {entries} entries both ways: generated and compiled in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
