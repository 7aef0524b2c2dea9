using System;

namespace DualWrite;

/// <summary>
/// The number-sequence ranges of a map's key field (DSL <c>numbers</c>): a new record whose number lies in
/// the other side's range is refused.
/// </summary>
public sealed class NumberSequence
{
    private readonly Func<string?, bool> _isFoNumber;
    private readonly Func<string?, bool> _isDataverseNumber;

    /// <summary>Creates the sequence from the generated range checks.</summary>
    public NumberSequence(string name, string mapName, string field, string foRange, string dataverseRange, Func<string?, bool> isFoNumber, Func<string?, bool> isDataverseNumber)
    {
        Name = name;
        MapName = mapName;
        Field = field;
        FoRange = foRange;
        DataverseRange = dataverseRange;
        _isFoNumber = isFoNumber;
        _isDataverseNumber = isDataverseNumber;
    }

    /// <summary>The <c>numbers</c> declaration's name.</summary>
    public string Name { get; }

    /// <summary>The map whose key field is numbered.</summary>
    public string MapName { get; }

    /// <summary>The numbered F&amp;O field.</summary>
    public string Field { get; }

    /// <summary>F&amp;O's range as written, e.g. <c>"US0001".."US4999"</c> or <c>prefix "F"</c>.</summary>
    public string FoRange { get; }

    /// <summary>Dataverse's range as written.</summary>
    public string DataverseRange { get; }

    /// <summary>Whether F&amp;O's sequence hands out <paramref name="value"/>.</summary>
    public bool IsFoNumber(string? value) => _isFoNumber(value);

    /// <summary>Whether Dataverse's sequence hands out <paramref name="value"/>.</summary>
    public bool IsDataverseNumber(string? value) => _isDataverseNumber(value);

    /// <summary>Whether a record created on <paramref name="side"/> may carry <paramref name="value"/>: not when it lies in the other side's range.</summary>
    public bool MayCreateOn(Side side, string? value) => side == Side.Fo ? !IsDataverseNumber(value) : !IsFoNumber(value);
}
