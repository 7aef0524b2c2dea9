using DualWrite.Generator.Common;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.Generator.Tests.Robustness;

/// <summary>A .dwmap location's line and column are those Roslyn computes from its offset, whatever the line breaks.</summary>
public sealed class LineMapTests
{
    [Theory]
    [InlineData("a\nb\r\nc\rd\u2028e\u2029f\u0085g")]
    [InlineData("filter fo `(A == \"x\u2028y\")` z")]
    public void Lines_and_columns_agree_with_Roslyn(string text)
    {
        var map = LineMap.Create("f.dwmap", text);
        var roslyn = SourceText.From(text).Lines;
        for (var offset = 0; offset <= text.Length; offset++)
        {
            var expected = roslyn.GetLinePosition(offset);
            Assert.Equal((expected.Line, expected.Character), map.GetPosition(offset));
        }
    }
}
