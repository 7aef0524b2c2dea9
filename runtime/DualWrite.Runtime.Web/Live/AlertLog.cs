using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Engine.Alerts;

namespace DualWrite.Runtime.Web.Live;

/// <summary>The alerts the runtime raised since the host started, newest first; a bounded number are kept.</summary>
internal sealed class AlertLog : IDisposable
{
    private const int Kept = 200;

    private readonly DualWriteRuntime _runtime;
    private readonly LinkedList<AlertRaisedEventArgs> _alerts = new();

    public AlertLog(DualWriteRuntime runtime)
    {
        _runtime = runtime;
        _runtime.AlertRaised += OnAlert;
    }

    public IReadOnlyList<AlertRaisedEventArgs> Recent()
    {
        lock (_alerts)
        {
            return _alerts.ToList();
        }
    }

    public void Dispose() => _runtime.AlertRaised -= OnAlert;

    private void OnAlert(object? sender, AlertRaisedEventArgs alert)
    {
        lock (_alerts)
        {
            _alerts.AddFirst(alert);
            if (_alerts.Count > Kept)
            {
                _alerts.RemoveLast();
            }
        }
    }
}
