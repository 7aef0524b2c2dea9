using System.Threading.Tasks;
using Contoso.Integration.Host;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// The README's <c>-- --endpoints local-odata</c> run: the sample's maps over HTTP against the local services, through
/// the host's preflight, to the end.
/// </summary>
public sealed class LocalODataSampleTests
{
    [Fact]
    public async Task The_sample_over_the_local_services_runs_to_the_end()
    {
        Assert.Equal(0, await LocalODataSample.RunAsync());
    }
}
