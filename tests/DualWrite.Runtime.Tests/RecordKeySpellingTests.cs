using Contoso.Integration;
using DualWrite.Runtime.State;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

public sealed class RecordKeySpellingTests
{
    [Fact]
    public void The_error_list_shows_a_key_as_the_source_wrote_it_and_still_finds_it_by_any_case()
    {
        using var world = new World();
        world.Fo.Save(ContactsMap.Definition.Fo, new Fo.ContactPersonV2
        {
            dataAreaId = "usmf", ContactPersonId = "Ann-Lee|01", FirstName = "Ann", LastName = "Lee", PrimaryEmail = new string('a', 150),
        });
        world.Runtime.SyncOnce();

        var error = Assert.Single(world.Runtime.GetErrors());

        Assert.Equal(("USMF|ANN-LEE\\|01", "usmf|Ann-Lee\\|01"), (error.RecordKey, error.RecordKeyAsWritten));
        Assert.Single(world.Runtime.GetErrors(new ErrorFilter(RecordKey: error.RecordKeyAsWritten)));
    }

    [Theory]
    [InlineData("USMF|US0001", "{\"dataAreaId\":\"usmf\",\"CustomerAccount\":\"Us0001\"}", "usmf|Us0001")]
    [InlineData("USMF|42", "{\"dataAreaId\":\"UsMf\",\"Number\":42}", "UsMf|42")]
    [InlineData("USMF|ABC", "{\"lookup\":{\"code\":\"usmf\"},\"Name\":\"ABC\",\"Other\":\"abc\"}", "usmf|ABC")]
    [InlineData("USMF|ABC", "not json", "USMF|ABC")]
    public void Each_value_is_taken_back_from_the_row_image_where_it_is_found(string stored, string payload, string shown) =>
        Assert.Equal(shown, RecordKeySpelling.Recover(stored, payload));
}
