using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Cli.Commands.Check;
using DualWrite.Cli.Commands.Import.Conversion;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Generator.Syntax;

namespace DualWrite.Cli.Tests.Import;

/// <summary>Every out-of-box dual-write map, as dual-write's JSON, imported and compiled.</summary>
public sealed class ImportCorpusTests
{
    [Fact]
    public void The_page_holds_every_out_of_box_map()
    {
        var projects = MappingTables.Projects();

        Assert.Equal(140, projects.Count);
        Assert.Equal(1938, projects.Sum(p => p.EntityMappingTasks.Single().Legs.Single().FieldMappings.Count));
    }

    [Fact]
    public void Every_out_of_box_map_imports_and_compiles_without_error()
    {
        using var folder = new TestFolder();
        var maps = ImportCorpus(folder);

        var errors = CheckCommand.Check(folder.Path).Where(d => d.IsError).ToList();

        Assert.Equal(140, maps.Count);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(40).Select(e => $"{e.Path}({e.Line},{e.Column}): {e.Id}: {e.Message}")));
    }

    /// <summary>
    /// Writes the corpus's maps and schemas consistent with them into <paramref name="folder"/>: a first import gives the
    /// schemas, the second reads the F&amp;O one to spell enum values as the map language does.
    /// </summary>
    internal static IReadOnlyList<ImportedMap> ImportCorpus(TestFolder folder)
    {
        WriteSchemas(folder, new MapImporter().Import(MappingTables.Projects(), "OutOfBox").Select(m => m.Text));
        var foSchemaPath = Path.Combine(folder.Path, "schemas", "fo.metadata.xml");
        var maps = new MapImporter(FoSchema.Read(foSchemaPath, File.ReadAllText(foSchemaPath))).Import(MappingTables.Projects(), "OutOfBox");
        foreach (var map in maps)
        {
            folder.Write(map.FileName, map.Text);
        }

        return maps;
    }

    internal static void WriteSchemas(TestFolder folder, IEnumerable<string> mapTexts)
    {
        var (fo, dataverse) = CorpusSchemas.For(mapTexts.Select((text, i) => DwmapParser.Parse("map" + i + ".dwmap", text)));
        folder.Write(Path.Combine("schemas", "fo.metadata.xml"), fo);
        folder.Write(Path.Combine("schemas", "dataverse.metadata.xml"), dataverse);
        folder.Write("schemas.dwmap", "schema fo \"schemas/fo.metadata.xml\"\nschema dataverse \"schemas/dataverse.metadata.xml\"\n");
    }
}
