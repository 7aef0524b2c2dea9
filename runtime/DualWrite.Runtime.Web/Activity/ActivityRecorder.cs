using System;
using System.Collections.Concurrent;
using System.Threading;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.Activity;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Web.Activity;

/// <summary>
/// Writes the maps' activity logs in the state store from what the runtime tells (state changes with their reasons,
/// alerts, failed passes of the live loop, relinks) and what the page does (initial-sync runs, error-list actions).
/// A state change made while a page request acts names its user (<see cref="ActingAs"/>); others name no one.
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    // A live loop whose environment is down fails every pass; the same failure is noted once in this time.
    private static readonly TimeSpan RepeatedFailure = TimeSpan.FromMinutes(5);

    private static readonly AsyncLocal<string?> Acting = new();

    private readonly DualWriteRuntime _runtime;
    private readonly string? _statePath;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failuresNoted = new(StringComparer.Ordinal);

    public ActivityRecorder(DualWriteRuntime runtime, DualWriteEnvironments environments, IOptions<DualWriteOptions> options)
    {
        _runtime = runtime;
        Log = environments.State as IActivityLog
            ?? throw new NotSupportedException($"The operations page keeps the maps' activity in the state store; {environments.State.GetType().Name} keeps none (IActivityLog).");
        _statePath = options.Value.StatePath;
        _runtime.AlertRaised += OnAlert;
        _runtime.MapStateChanged += OnStateChanged;
        _runtime.PassFailed += OnPassFailed;
        _runtime.Relinked += OnRelinked;
    }

    /// <summary>Where the entries are kept: the host's state store.</summary>
    public IActivityLog Log { get; }

    /// <summary>Names <paramref name="user"/> as who made the state changes the calling flow makes until disposed.</summary>
    public static IDisposable ActingAs(string? user)
    {
        var previous = Acting.Value;
        Acting.Value = user;
        return new Restore(previous);
    }

    public void Record(string map, ActivityKind kind, string? actor, string text) => Log.AddActivity(map, kind, actor, HideSecrets(text));

    public void Dispose()
    {
        _runtime.AlertRaised -= OnAlert;
        _runtime.MapStateChanged -= OnStateChanged;
        _runtime.PassFailed -= OnPassFailed;
        _runtime.Relinked -= OnRelinked;
    }

    private void OnStateChanged(object? sender, MapStateChangedEventArgs change)
    {
        var kind = change.To switch
        {
            MapState.Paused => ActivityKind.Paused,
            MapState.Stopped => ActivityKind.Stopped,
            _ => ActivityKind.Resumed,
        };
        Record(change.Map, kind, Acting.Value, change.Reason ?? $"{change.From} to {change.To}");
    }

    private void OnAlert(object? sender, AlertRaisedEventArgs alert) =>
        Record(alert.Map, ActivityKind.AlertFired, "alert rule", $"{alert.Failures} {alert.Kind} failures within {alert.Window}; action {alert.Action}: {alert.Message}");

    private void OnPassFailed(object? sender, PassFailedEventArgs failure)
    {
        if (_failuresNoted.TryGetValue(failure.Message, out var noted) && failure.At - noted < RepeatedFailure)
        {
            return;
        }

        _failuresNoted[failure.Message] = failure.At;
        foreach (var map in _runtime.Maps)
        {
            Record(map.Name, ActivityKind.PassFailed, null, failure.Message);
        }
    }

    private void OnRelinked(object? sender, RelinkResult relink)
    {
        foreach (var map in _runtime.Maps)
        {
            Record(map.Name, ActivityKind.Relinked, Acting.Value, $"linked {relink.Link.FoEnvironmentId} and {relink.Link.DataverseEnvironmentId} again with {string.Join(", ", relink.Link.Companies)}; {relink.DroppedStaged:N0} staged changes dropped");
        }
    }

    /// <summary>The text with the state store's secrets (a password in its location) hidden, as every page shows failures.</summary>
    public string HideSecrets(string text) => _statePath is null ? text : StateLocation.HideSecrets(text, _statePath);

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Acting.Value = previous;
    }
}
