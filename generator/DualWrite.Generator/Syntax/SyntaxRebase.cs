using System.Linq;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Syntax;

/// <summary>
/// Moves every range of a declaration's tree by the same distance. A declaration moved to start at offset 0 equals
/// itself wherever it stands in its file, which is what lets the pipeline cache it per declaration
/// (<see cref="DeclarationUnits"/>). Every node type with a range is listed here; a test checks that none is missed.
/// </summary>
internal static class SyntaxRebase
{
    public static Declaration Declaration(Declaration declaration, int delta) => declaration switch
    {
        MapDeclaration map => map with
        {
            Name = Identifier(map.Name, delta),
            FoEntitySet = Identifier(map.FoEntitySet, delta),
            DirectionRange = Range(map.DirectionRange, delta),
            DataverseEntitySet = Identifier(map.DataverseEntitySet, delta),
            Items = map.Items.Select(i => Item(i, delta)).ToEquatableArray(),
            Range = Range(map.Range, delta),
        },
        ValueMapDeclaration valueMap => valueMap with
        {
            Name = Identifier(valueMap.Name, delta),
            Entries = valueMap.Entries.Select(e => Entry(e, delta)).ToEquatableArray(),
            Range = Range(valueMap.Range, delta),
        },
        NumbersDeclaration numbers => numbers with
        {
            Name = Identifier(numbers.Name, delta),
            Map = Identifier(numbers.Map, delta),
            Field = Identifier(numbers.Field, delta),
            Ranges = numbers.Ranges.Select(r => r with
            {
                SideRange = Range(r.SideRange, delta),
                From = Literal(r.From, delta),
                To = Literal(r.To, delta),
                Prefix = Literal(r.Prefix, delta),
                Range = Range(r.Range, delta),
            }).ToEquatableArray(),
            Range = Range(numbers.Range, delta),
        },
        SchemaDeclaration schema => schema with
        {
            SideRange = Range(schema.SideRange, delta),
            Path = Literal(schema.Path, delta)!,
            Range = Range(schema.Range, delta),
        },
        _ => throw new System.NotSupportedException("Rebasing a " + declaration.GetType().Name + " is not implemented."),
    };

    public static TextRange Range(TextRange range, int delta) => new(range.Start + delta, range.Length);

    private static MapItem Item(MapItem item, int delta) => item switch
    {
        CompanyItem company => company with { Range = Range(company.Range, delta) },
        KeyItem key => key with
        {
            Pairs = key.Pairs.Select(p => new KeyPair(Identifier(p.Fo, delta), Identifier(p.Dataverse, delta), Range(p.Range, delta))).ToEquatableArray(),
            Range = Range(key.Range, delta),
        },
        // SourceOffsets are offsets in the source too (for a filter spelled with escapes).
        FilterItem filter => filter with
        {
            SideRange = Range(filter.SideRange, delta),
            TextRange = Range(filter.TextRange, delta),
            Range = Range(filter.Range, delta),
            SourceOffsets = filter.SourceOffsets.Select(o => o + delta).ToEquatableArray(),
        },
        AfterItem after => after with { Maps = after.Maps.Select(m => Identifier(m, delta)).ToEquatableArray(), Range = Range(after.Range, delta) },
        ConflictItem conflict => conflict with { PolicyRange = Range(conflict.PolicyRange, delta), Range = Range(conflict.Range, delta) },
        DeletesItem deletes => deletes with { PolicyRange = Range(deletes.PolicyRange, delta), Range = Range(deletes.Range, delta) },
        FieldItem field => field with
        {
            Fo = field.Fo is null ? null : Identifier(field.Fo, delta),
            FoRange = Range(field.FoRange, delta),
            DirectionRange = Range(field.DirectionRange, delta),
            Dataverse = field.Dataverse is null ? null : new DataversePath(
                field.Dataverse.Segments.Select(s => Identifier(s, delta)).ToEquatableArray(),
                field.Dataverse.PolymorphicTargets.Select(t => new PolymorphicTarget(Identifier(t.Table, delta), Identifier(t.KeyColumn, delta), Range(t.Range, delta))).ToEquatableArray(),
                Range(field.Dataverse.Range, delta)),
            DataverseRange = Range(field.DataverseRange, delta),
            Transforms = field.Transforms.Select(t => Transform(t, delta)).ToEquatableArray(),
            Range = Range(field.Range, delta),
        },
        _ => throw new System.NotSupportedException("Rebasing a " + item.GetType().Name + " is not implemented."),
    };

    private static Transform Transform(Transform transform, int delta) => transform switch
    {
        DefaultTransform value => new DefaultTransform(Literal(value.Value, delta)!, Range(value.Range, delta)),
        ViaTransform via => new ViaTransform(DottedName(via.Name, delta), Range(via.Range, delta)),
        _ => throw new System.NotSupportedException("Rebasing a " + transform.GetType().Name + " is not implemented."),
    };

    private static ValueMapEntry Entry(ValueMapEntry entry, int delta) => entry with
    {
        Fo = Literal(entry.Fo, delta),
        FoRange = Range(entry.FoRange, delta),
        DirectionRange = Range(entry.DirectionRange, delta),
        Dataverse = Literal(entry.Dataverse, delta),
        DataverseRange = Range(entry.DataverseRange, delta),
        Range = Range(entry.Range, delta),
    };

    public static DottedName DottedName(DottedName name, int delta) =>
        new(name.Parts.Select(p => Identifier(p, delta)).ToEquatableArray(), Range(name.Range, delta));

    private static Identifier Identifier(Identifier identifier, int delta) => identifier with { Range = Range(identifier.Range, delta) };

    private static Literal? Literal(Literal? literal, int delta) => literal is null ? null : literal with { Range = Range(literal.Range, delta) };
}
