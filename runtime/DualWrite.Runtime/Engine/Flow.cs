using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Sides;
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
    private readonly IReadOnlyList<KeyPath> _targetKeyPaths;
    private readonly Func<TSource, bool> _filter;
    private readonly Action<TSource, TTarget> _transform;
    private readonly NumberSequence? _numbers;
    private readonly IDualWriteEnvironment _targetEnvironment;

    // Names no property can have: the filter's verdict, and "every field" for a version that cannot be transformed.
    internal const string FilterField = "(filter)";
    internal const string AnyField = "(any)";

    public Flow(IDualWriteMap map, Side sourceSide, IDualWriteEnvironment targetEnvironment, EntityDescriptor<TTarget> target, IReadOnlyList<KeyPath> targetKeyPaths, Func<TSource, bool> filter, Action<TSource, TTarget> transform, NumberSequence? numbers)
    {
        _targetEnvironment = targetEnvironment;
        _map = map;
        SourceSide = sourceSide;
        _target = target;
        _targetKeyPaths = targetKeyPaths;
        _filter = filter;
        _transform = transform;
        _numbers = numbers;
    }

    public Side SourceSide { get; }

    public string Direction => SideRules.Direction(SourceSide);

    /// <summary>
    /// Applies a source record's change to the target. <paramref name="isNew"/> says the record was just created on the
    /// source, which is when its number must lie in the source's own range. <paramref name="missingTarget"/> is called
    /// before an update creates the target row it did not find: it may refuse the change (a record moved to another company).
    /// </summary>
    public async ValueTask<ApplyOutcome> ApplyAsync(ChangeOperation operation, TSource source, IntegrationKey key, bool isNew, IEnvironmentTransaction target, Func<ValueTask>? missingTarget, CancellationToken cancellationToken)
    {
        var keyValues = IntegrationKeys.Values(_map, key);

        // A delete flows whatever the deleted row's values: a record that left the filter after it was synced still has
        // its row on the other side (leaving the filter does not delete it), and that row goes with it. A record that
        // never synced has no row there, so nothing is deleted.
        if (operation == ChangeOperation.Delete)
        {
            if (_map.Deletes == DeletePolicy.Ignore)
            {
                return ApplyOutcome.Skipped;
            }

            return await target.DeleteAsync(_target, _targetKeyPaths, keyValues, cancellationToken).ConfigureAwait(false) ? ApplyOutcome.Written : ApplyOutcome.Unchanged;
        }

        if (!Matches(source))
        {
            return ApplyOutcome.Skipped;
        }

        if (!key.IsComplete)
        {
            throw new RecordRefusedException($"The record's integration key '{key}' is incomplete, so it cannot be matched on the other side.");
        }

        if (isNew)
        {
            CheckNumber(key);
        }

        // A new source record usually has no target row yet: where the target can insert without looking, the insert is
        // tried first, and a taken key falls through to the update.
        if (isNew && ChangeLogReads.Has(_targetEnvironment, EnvironmentCapabilities.NativeTryInsert))
        {
            var inserted = _target.Create();
            Transform(source, inserted);
            if (await target.TryInsertAsync(_target, _targetKeyPaths, keyValues, inserted, cancellationToken).ConfigureAwait(false))
            {
                return ApplyOutcome.Written;
            }
        }

        var current = await target.FindAsync(_target, _targetKeyPaths, keyValues, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            if (operation == ChangeOperation.Update && missingTarget is not null)
            {
                await missingTarget().ConfigureAwait(false);
            }

            var created = _target.Create();
            Transform(source, created);
            await target.InsertAsync(_target, created, cancellationToken).ConfigureAwait(false);
            return ApplyOutcome.Written;
        }

        var desired = EntityValues.Copy(_target, current);
        Transform(source, desired);
        var changed = EntityValues.Changed(_target, current, desired);
        if (changed.Count == 0)
        {
            return ApplyOutcome.Unchanged;
        }

        await target.UpdateAsync(_target, _targetKeyPaths, keyValues, desired, changed, cancellationToken).ConfigureAwait(false);
        return ApplyOutcome.Written;
    }

    /// <summary>
    /// The target key values <see cref="ApplyAsync"/> will look up for this change, or null when it will look nothing up (a
    /// filtered-out record, an ignored delete, an incomplete key) or fail before it does, which <see cref="ApplyAsync"/> reports.
    /// </summary>
    public IReadOnlyList<object?>? LookupKey(ChangeOperation operation, TSource source, IntegrationKey key)
    {
        if (!key.IsComplete || (operation == ChangeOperation.Delete && _map.Deletes == DeletePolicy.Ignore))
        {
            return null;
        }

        try
        {
            return operation == ChangeOperation.Delete || _filter(source) ? IntegrationKeys.Values(_map, key) : null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Finds the target rows of <paramref name="keys"/> (from <see cref="LookupKey"/>) in one batch, so the finds that follow are answered from it.</summary>
    public async ValueTask FindManyAsync(IReadOnlyList<IReadOnlyList<object?>> keys, IEnvironmentTransaction target, CancellationToken cancellationToken) =>
        await target.FindManyAsync(_target, _targetKeyPaths, keys, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The target fields whose values this direction would write differently for <paramref name="before"/> and
    /// <paramref name="after"/>, two versions of one source record: the changes the map carries. The filter's verdict
    /// counts as a field (a record entering or leaving the filter has changed for the map). A version that cannot be
    /// transformed differs in every field, so the change goes on to be applied and fails there with its reason.
    /// </summary>
    public IReadOnlyList<string> MappedDifferences(TSource before, TSource after)
    {
        try
        {
            var left = _target.Create();
            var right = _target.Create();
            _transform(before, left);
            _transform(after, right);
            var changed = EntityValues.Changed(_target, left, right);
            return _filter(before) == _filter(after) ? changed : new List<string>(changed) { FilterField };
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return new[] { AnyField };
        }
    }

    /// <summary>
    /// Whether <paramref name="target"/> already holds what this direction would write for <paramref name="source"/>: the
    /// two versions agree on every value the map carries this way (a transform that fails agrees with nothing).
    /// </summary>
    public bool Holds(TSource source, TTarget target)
    {
        try
        {
            var desired = EntityValues.Copy(_target, target);
            _transform(source, desired);
            return EntityValues.Changed(_target, target, desired).Count == 0;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return false;
        }
    }

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
                $"A new record created on {SideRules.Name(SourceSide)} with {_numbers.Field} '{value}' lies in {other}'s number range {range} (number sequence '{_numbers.Name}'); it is refused.");
        }
    }

    private static int IndexOf(IReadOnlyList<KeyPath> paths, string field)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            if (!paths[i].ThroughLookup && string.Equals(paths[i].Column, field, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
