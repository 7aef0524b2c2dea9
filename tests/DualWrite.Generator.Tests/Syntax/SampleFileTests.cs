using System.IO;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Syntax;

public class SampleFileTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in ParserTestHelpers.SampleFiles())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_file_parses_without_diagnostics(string fileName)
    {
        var path = Path.Combine(RepoPaths.Samples, "maps", fileName);
        var text = File.ReadAllText(path);

        var file = DwmapParser.Parse(path, text);

        Assert.Empty(file.Diagnostics);
        Assert.Equal("Contoso.Integration", file.Namespace?.Text);
        Assert.NotEmpty(file.Declarations);
    }
}
