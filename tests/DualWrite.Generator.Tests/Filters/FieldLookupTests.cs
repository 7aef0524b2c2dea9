namespace DualWrite.Generator.Tests.Filters;

/// <summary>
/// The "did you mean" of an unknown field: the closest property, the first declared on a tie, and only when it is
/// within max(2, a quarter of the name's length) edits.
/// </summary>
public class FieldLookupTests
{
    [Fact]
    public void On_a_tie_the_first_declared_property_is_suggested()
    {
        var message = UnknownFieldMessage(new TestEntity("T").Property("Code1", "Edm.String").Property("Code2", "Edm.String"), "Code");

        Assert.EndsWith("; did you mean 'Code1'?", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_exactly_at_the_distance_limit_is_suggested()
    {
        // Six characters: the limit is two edits.
        var message = UnknownFieldMessage(new TestEntity("T").Property("Amount", "Edm.String"), "Amxxnt");

        Assert.EndsWith("; did you mean 'Amount'?", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_one_edit_past_the_limit_is_not_suggested()
    {
        var message = UnknownFieldMessage(new TestEntity("T").Property("Amount", "Edm.String"), "Axxxnt");

        Assert.EndsWith("is not a field of the F&O entity T", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Names_eight_characters_longer_are_compared_and_nine_longer_are_not()
    {
        // A 40-character name allows ten edits, so only the length rule keeps the nine-longer name out.
        var name = new string('a', 40);
        var eightLonger = UnknownFieldMessage(new TestEntity("T").Property(name + "bbbbbbbb", "Edm.String"), name);
        var nineLonger = UnknownFieldMessage(new TestEntity("T").Property(name + "bbbbbbbbb", "Edm.String"), name);

        Assert.EndsWith("; did you mean '" + name + "bbbbbbbb'?", eightLonger, System.StringComparison.Ordinal);
        Assert.EndsWith("is not a field of the F&O entity T", nineLonger, System.StringComparison.Ordinal);
    }

    private static string UnknownFieldMessage(TestEntity entity, string field)
    {
        var result = entity.Fo("(" + field + " == \"x\")");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DW0003", diagnostic.Id);
        return diagnostic.GetMessage();
    }
}
