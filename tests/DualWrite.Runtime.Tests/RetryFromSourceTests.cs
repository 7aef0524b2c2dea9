using System.Linq;
using Contoso.Integration;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>A record fixed at its source, then retried from source: its current state is applied in place of the parked versions.</summary>
public sealed class RetryFromSourceTests
{
    private static readonly string TooLong = new string('a', 150) + "@contoso.com";

    [Fact]
    public void A_value_too_long_corrected_at_the_source_is_applied_and_the_correcting_change_no_longer_waits()
    {
        using var world = new World();
        world.Fo.Save(ContactsMap.Definition.Fo, Contact("C001", TooLong));
        var failed = world.Runtime.SyncOnce();
        world.Execute(world.Fo, "UPDATE ContactPersonsV2 SET PrimaryEmail = 'ann@contoso.com' WHERE ContactPersonId = 'C001'");
        var queued = world.Runtime.SyncOnce();
        var error = Assert.Single(world.Runtime.GetErrors());

        Assert.Equal((1, 1, 1), (failed.Failed, queued.Queued, error.WaitingChanges));
        Assert.Contains("emailaddress1", error.Reason);
        Assert.False(world.Runtime.Retry(error.Id));
        Assert.True(world.Runtime.RetryFromSource(error.Id));

        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal("ann@contoso.com", Assert.Single(world.Dataverse.Query(ContactsMap.Definition.Dataverse)).emailaddress1);
        world.Execute(world.Fo, "UPDATE ContactPersonsV2 SET LastName = 'Lee-Smith' WHERE ContactPersonId = 'C001'");
        Assert.Equal(0, world.SyncUntilQuiet().Failed);
        Assert.Equal("Lee-Smith", Assert.Single(world.Dataverse.Query(ContactsMap.Definition.Dataverse)).lastname);
    }

    [Fact]
    public void Other_records_keep_their_queues_when_one_record_is_retried_from_source()
    {
        using var world = new World();
        world.Fo.Save(ContactsMap.Definition.Fo, Contact("C001", TooLong));
        world.Fo.Save(ContactsMap.Definition.Fo, Contact("C002", TooLong));
        world.Runtime.SyncOnce();
        world.Execute(world.Fo, "UPDATE ContactPersonsV2 SET PrimaryEmail = 'fixed@contoso.com'");
        world.Runtime.SyncOnce();
        var first = world.Runtime.GetErrors().Single(e => e.RecordKey == "USMF|C001");

        Assert.True(world.Runtime.RetryFromSource(first.Id));

        var left = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal(("USMF|C002", 1), (left.RecordKey, left.WaitingChanges));
        Assert.Equal("C001", Assert.Single(world.Dataverse.Query(ContactsMap.Definition.Dataverse)).msdyn_contactpersonid);
    }

    [Fact]
    public void A_record_deleted_at_the_source_since_it_failed_is_resolved_as_a_delete()
    {
        using var world = new World();
        world.Fo.Save(ContactsMap.Definition.Fo, Contact("C001", TooLong));
        world.Runtime.SyncOnce();
        world.Execute(world.Fo, "DELETE FROM ContactPersonsV2 WHERE ContactPersonId = 'C001'");
        var error = Assert.Single(world.Runtime.GetErrors());

        Assert.True(world.Runtime.RetryFromSource(error.Id));

        Assert.Empty(world.Runtime.GetErrors());
        Assert.Empty(world.Dataverse.Query(ContactsMap.Definition.Dataverse));
        Assert.Equal(0, world.SyncUntilQuiet().Failed);
    }

    [Fact]
    public void A_new_record_retried_from_source_is_still_checked_against_the_number_sequences()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US6000", "Numbered in Dataverse's range"));
        world.Runtime.SyncOnce();
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Renamed' WHERE CustomerAccount = 'US6000'");
        world.Runtime.SyncOnce();
        var error = Assert.Single(world.Runtime.GetErrors());

        Assert.False(world.Runtime.RetryFromSource(error.Id));

        Assert.Contains("number range", Assert.Single(world.Runtime.GetErrors()).Reason);
        Assert.Null(world.AccountOf("US6000"));
    }

    private static Fo.ContactPersonV2 Contact(string id, string email) => new()
    {
        dataAreaId = "USMF",
        ContactPersonId = id,
        FirstName = "Ann",
        LastName = "Lee",
        PrimaryEmail = email,
    };
}
