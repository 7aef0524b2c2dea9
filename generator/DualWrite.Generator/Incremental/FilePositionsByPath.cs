using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// Every file's <see cref="FilePositions"/>, looked up by path: each unit's diagnostics take their file's positions
/// from it, so that a unit whose file did not move keeps the same input and is not relocated or reported again.
/// Equal when the positions are: the lookup follows from them.
/// </summary>
internal sealed class FilePositionsByPath : IEquatable<FilePositionsByPath>
{
    private readonly EquatableArray<FilePositions> _files;
    private readonly Dictionary<string, FilePositions> _byPath = new(StringComparer.Ordinal);

    public FilePositionsByPath(ImmutableArray<FilePositions> files)
    {
        _files = files;
        foreach (var file in files)
        {
            // The first of a path: paths of additional files are unique in a build.
            if (!_byPath.ContainsKey(file.Path))
            {
                _byPath.Add(file.Path, file);
            }
        }
    }

    public FilePositions? Find(string path) => _byPath.TryGetValue(path, out var file) ? file : null;

    public bool Equals(FilePositionsByPath? other) => other is not null && _files.Equals(other._files);

    public override bool Equals(object? obj) => Equals(obj as FilePositionsByPath);

    public override int GetHashCode() => _files.GetHashCode();
}
