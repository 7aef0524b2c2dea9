using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>One direction of a map, typed: filter, transform and upsert by integration key on the target side.</summary>
internal sealed class Flow<TSource, TTarget>
    where TSource : class
    where TTarget : class
{
    private readonly IDualWriteMap _map;
    private readonly EntityDescriptor<TTarget> _target;
    private readonly IReadOnlyList<string> _targetKeyPaths;
    private readonly Func<TSource, bool> _filter;
    private readonly Action<TSource, TTarget> _transform;
    private readonly NumberSequence? _numbers;

    public Flow(IDualWriteMap map, Side sourceSide, EntityDescriptor<TTarget> target, IReadOnlyList<string> targetKeyPaths, Func<TSource, bool> filter, Action<TSource, TTarget> transform, NumberSequence? numbers)
    {
        _map = map;
        SourceSide = sourceSide;
        _target = target;
        _targetKeyPaths = targetKeyPaths;
        _filter = filter;
        _transform = transform;
        _numbers = numbers;
    }

    public Side SourceSide { get; }

    public string Direction => SourceSide == Side.Fo ? "fo-to-dataverse" : "dataverse-to-fo";

    /// <summary>
    /// Applies a source record's change to the target. <paramref name="isNew"/> says the record was just created on the
    /// source, which is when its number must lie in the source's own range.
    /// </summary>
    public ApplyOutcome Apply(ChangeOperation operation, TSource source, IntegrationKey key, bool isNew, IEnvironmentTransaction target)
    {
        if (!Matches(source))
        {
            return ApplyOutcome.Skipped;
        }

        var keyValues = IntegrationKeys.Values(_map, key);
        if (operation == ChangeOperation.Delete)
        {
            if (_map.Deletes == DeletePolicy.Ignore)
            {
                return ApplyOutcome.Skipped;
            }

            return target.Delete(_target, _targetKeyPaths, keyValues) ? ApplyOutcome.Written : ApplyOutcome.Unchanged;
        }

        if (!key.IsComplete)
        {
            throw new RecordRefusedException($"The record's integration key '{key}' is incomplete, so it cannot be matched on the other side.");
        }

        if (isNew)
        {
            CheckNumber(key);
        }

        // A new source record usually has no target row yet: the insert is tried first, and a taken key falls through to the update.
        if (isNew)
        {
            var inserted = _target.Create();
            Transform(source, inserted);
            if (target.TryInsert(_target, _targetKeyPaths, keyValues, inserted))
            {
                return ApplyOutcome.Written;
            }
        }

        var current = target.Find(_target, _targetKeyPaths, keyValues);
        if (current is null)
        {
            var created = _target.Create();
            Transform(source, created);
            target.Insert(_target, created);
            return ApplyOutcome.Written;
        }

        var desired = EntityValues.Copy(_target, current);
        Transform(source, desired);
        var changed = EntityValues.Changed(_target, current, desired);
        if (changed.Count == 0)
        {
            return ApplyOutcome.Unchanged;
        }

        target.Update(_target, _targetKeyPaths, keyValues, desired, changed);
        return ApplyOutcome.Written;
    }

    /// <summary>
    /// The target key values <see cref="Apply"/> will look up for this change, or null when it will look nothing up (a
    /// filtered-out record, an ignored delete, an incomplete key) or fail before it does, which <see cref="Apply"/> reports.
    /// </summary>
    public IReadOnlyList<object?>? LookupKey(ChangeOperation operation, TSource source, IntegrationKey key)
    {
        if (!key.IsComplete || (operation == ChangeOperation.Delete && _map.Deletes == DeletePolicy.Ignore))
        {
            return null;
        }

        try
        {
            return _filter(source) ? IntegrationKeys.Values(_map, key) : null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Lets the target read the rows of <paramref name="keys"/> (from <see cref="LookupKey"/>) ahead of the finds that follow.</summary>
    public void Prefetch(IReadOnlyList<IReadOnlyList<object?>> keys, IEnvironmentTransaction target) =>
        target.Prefetch(_target, _targetKeyPaths, keys);

    private bool Matches(TSource source)
    {
        try
        {
            return _filter(source);
        }
        catch (Exception exception)
        {
            throw new RecordRefusedException($"The {SourceSide} filter failed: {exception.Message}", exception);
        }
    }

    private void Transform(TSource source, TTarget target)
    {
        try
        {
            _transform(source, target);
        }
        catch (Exception exception)
        {
            // Generated transforms throw InvalidOperationException for a value-map miss; 'via' methods may throw anything.
            throw new RecordRefusedException($"The transform {Direction} failed: {exception.Message}", exception);
        }
    }

    private void CheckNumber(IntegrationKey key)
    {
        if (_numbers is null)
        {
            return;
        }

        var index = IndexOf(_map.FoKeyPaths, _numbers.Field);
        if (index < 0)
        {
            return;
        }

        var value = IntegrationKeys.Values(_map, key)[index] as string;
        if (!_numbers.MayCreateOn(SourceSide, value))
        {
            var (other, range) = SourceSide == Side.Fo ? ("Dataverse", _numbers.DataverseRange) : ("F&O", _numbers.FoRange);
            throw new RecordRefusedException(
                SyncErrorKind.Number,
                $"A new record created on {(SourceSide == Side.Fo ? "F&O" : "Dataverse")} with {_numbers.Field} '{value}' lies in {other}'s number range {range} (number sequence '{_numbers.Name}'); it is refused.");
        }
    }

    private static int IndexOf(IReadOnlyList<string> paths, string field)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            if (string.Equals(paths[i], field, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
