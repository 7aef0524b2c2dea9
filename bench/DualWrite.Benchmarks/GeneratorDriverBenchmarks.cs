using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace DualWrite.Benchmarks;

/// <summary>
/// The generator as the IDE runs it (issue 20): Roslyn's generator driver over the out-of-box maps
/// (tests/DualWrite.Generator.Tests/TestData/outofbox) in one file and in one file per map, and over 1,000 maps
/// (<see cref="SyntheticMapsProject"/>: the out-of-box maps repeated under other names, one file per map). A full run starts a new driver; each edit
/// benchmark replaces one file of a driver that has already run, alternating between two texts, so every
/// invocation is a real edit (<see cref="GeneratorDriverProject"/>).
/// </summary>
[MemoryDiagnoser]
public class GeneratorDriverBenchmarks
{
    public enum Project
    {
        OutOfBoxOneFile,
        OutOfBoxFilePerMap,
        Synthetic1000,
    }

    private GeneratorDriverProject _project = null!;
    private GeneratorDriver _driver = null!;

    [Params(Project.OutOfBoxOneFile, Project.OutOfBoxFilePerMap, Project.Synthetic1000)]
    public Project Input { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _project = Input switch
        {
            Project.OutOfBoxOneFile => GeneratorDriverProject.OutOfBoxOneFile(),
            Project.OutOfBoxFilePerMap => GeneratorDriverProject.FilePerMap(SyntheticMapsProject.OutOfBoxMaps().Count),
            _ => GeneratorDriverProject.FilePerMap(1_000),
        };
        _driver = _project.CreateDriver().RunGenerators(_project.Compilation);
    }

    [Benchmark(Description = "full run")]
    public GeneratorDriver FullRun() => _project.CreateDriver().RunGenerators(_project.Compilation);

    [Benchmark(Description = "one-line edit inside a map")]
    public GeneratorDriver OneLineEdit() => Run(_project.OneLineEdit);

    [Benchmark(Description = "comment line above a map")]
    public GeneratorDriver CommentEdit() => Run(_project.CommentEdit);

    [Benchmark(Description = "F&O schema edit")]
    public GeneratorDriver SchemaEdit() => Run(_project.SchemaEdit);

    private GeneratorDriver Run(GeneratorDriverProject.Edit edit)
    {
        _driver = edit.Apply(_driver).RunGenerators(_project.Compilation);
        return _driver;
    }
}
