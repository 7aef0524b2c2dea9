using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Checks;

/// <summary>A declared name and where it is written.</summary>
internal sealed record NamedSite(string Kind, string Name, SourceLocation Location);

/// <summary>What the compilation-wide declaration checks need from one file.</summary>
internal sealed record DeclarationSites(
    EquatableArray<NamedSite> Names,
    EquatableArray<SchemaDeclarationSite> Schemas,
    SourceLocation? FirstMapFo,
    SourceLocation? FirstMapDataverse)
{
    public static DeclarationSites Of(DwmapFile file)
    {
        var names = file.Declarations.Select(d => d switch
        {
            MapDeclaration map => new NamedSite("map", map.Name.Text, file.Lines.GetLocation(map.Name.Range)),
            ValueMapDeclaration valueMap => new NamedSite("value map", valueMap.Name.Text, file.Lines.GetLocation(valueMap.Name.Range)),
            NumbersDeclaration numbers => new NamedSite("numbers", numbers.Name.Text, file.Lines.GetLocation(numbers.Name.Range)),
            _ => null,
        }).Where(s => s is not null).Select(s => s!).ToEquatableArray();
        var firstMap = file.Declarations.OfType<MapDeclaration>().FirstOrDefault();
        return new DeclarationSites(
            names,
            SchemaDeclarations.Of(file),
            firstMap is null ? null : file.Lines.GetLocation(firstMap.FoEntitySet.Range),
            firstMap is null ? null : file.Lines.GetLocation(firstMap.DataverseEntitySet.Range));
    }
}

/// <summary>A schema file that was declared but could not be read.</summary>
internal sealed record SchemaLoadError(string Path, string Error);
