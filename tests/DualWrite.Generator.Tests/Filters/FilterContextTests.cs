using DualWrite.Generator.Common;

namespace DualWrite.Generator.Tests.Filters;

/// <summary>Where a diagnostic on a filter's text lands in the .dwmap file, with and without escapes in the text.</summary>
public class FilterContextTests
{
    [Fact]
    public void Text_spelled_verbatim_maps_offsets_from_the_start_of_the_text()
    {
        var context = FoFilterCompilerTests.Customer().Context("(CustomerAccount == \"A\")", fo: true);

        Assert.Equal(new TextRange(TestEntity.FilePrefix.Length + 1, 15), context.SourceRange(1, 15));
    }

    [Fact]
    public void Text_spelled_with_escapes_maps_offsets_through_the_source_offset_of_each_character()
    {
        // Character 0 is spelled with two source characters (an escape) at 10, then 1 at 12, 2 at 13, the end at 14.
        var context = FoFilterCompilerTests.Customer().Context("abc", fo: true) with
        {
            SourceOffsets = EquatableArray.Create(10, 12, 13, 14),
        };

        Assert.Equal(new TextRange(10, 3), context.SourceRange(0, 2));
        Assert.Equal(new TextRange(12, 2), context.SourceRange(1, 2));
    }
}
