using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Pacing;

/// <summary>Passes every attempt through the service's <see cref="ServiceGate"/>; it sits below the retry handler, so retries wait at the gate too.</summary>
internal sealed class PacingHandler : DelegatingHandler
{
    private readonly ServiceGate _gate;
    private readonly TimeProvider _time;

    public PacingHandler(ServiceGate gate, TimeProvider time, HttpMessageHandler inner)
        : base(inner)
    {
        _gate = gate;
        _time = time;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response;
        }
        finally
        {
            _gate.Leave(response, _time.GetElapsedTime(started));
        }
    }
}
