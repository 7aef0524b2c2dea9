using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Tests.Payloads;

/// <summary>Answers every request at once with the same OData JSON body, so a read runs without a service (and, completing synchronously, on the caller's thread).</summary>
internal sealed class CannedAnswer : HttpMessageHandler
{
    private readonly byte[] body;

    public CannedAnswer(byte[] body) => this.body = body;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; odata.metadata=minimal");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.Add("OData-Version", "4.0");
        return Task.FromResult(response);
    }
}
