using System.Collections.Generic;
using DualWrite.Samples.Tests.OData;

namespace DualWrite.Samples.Tests;

/// <summary>The reference evaluator itself, on payload shapes and OData null semantics the sample filters rely on.</summary>
public sealed class ODataFilterEvaluatorTests
{
    [Theory]
    [InlineData("CustomerGroupId eq null", null, true)]
    [InlineData("CustomerGroupId eq null", "", false)]
    [InlineData("CustomerGroupId ne null", null, false)]
    [InlineData("CustomerGroupId ne ''", null, true)]
    [InlineData("CustomerGroupId eq ''", null, false)]
    [InlineData("CustomerGroupId lt 'b'", null, false)]
    [InlineData("CustomerGroupId ge 'b'", null, false)]
    [InlineData("not (CustomerGroupId lt 'b')", null, true)]
    [InlineData("CustomerGroupId eq 'abc'", "ABC", true)]
    [InlineData("CustomerGroupId lt 'B'", "abc", true)]
    [InlineData("contains(CustomerGroupId,'B')", "abc", true)]
    [InlineData("contains(CustomerGroupId,'B')", null, false)]
    [InlineData("not contains(CustomerGroupId,'B')", null, false)]
    [InlineData("startswith(CustomerGroupId,'AB')", "abc", true)]
    [InlineData("endswith(CustomerGroupId,'BC')", "abc", true)]
    public void Strings_and_nulls(string filter, string? groupId, bool expected)
    {
        var record = new Dictionary<string, object?> { ["CustomerGroupId"] = groupId };
        Assert.Equal(expected, ODataFilterEvaluator.Evaluate(SampleFiles.FoModel, "CustomersV3", filter, record));
    }

    [Theory]
    [InlineData("Organization", true)]
    [InlineData("organization", true)]
    [InlineData("2", true)]
    [InlineData(2, true)]
    [InlineData("Person", false)]
    [InlineData(null, false)]
    public void Enums_compare_by_member_whatever_the_payload_holds(object? partyType, bool expected)
    {
        var record = new Dictionary<string, object?> { ["PartyType"] = partyType };
        Assert.Equal(expected, ODataFilterEvaluator.Evaluate(SampleFiles.FoModel, "CustomersV3",
            "PartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Organization'", record));
    }

    [Fact]
    public void Numbers_compare_by_value_across_promotions_and_absent_properties_are_null()
    {
        var model = SampleFiles.DataverseModel;
        Assert.True(ODataFilterEvaluator.Evaluate(model, "accounts", "creditlimit ge 100", new Dictionary<string, object?> { ["creditlimit"] = 100m }));
        Assert.False(ODataFilterEvaluator.Evaluate(model, "accounts", "creditlimit gt 100.5", new Dictionary<string, object?> { ["creditlimit"] = 100.25m }));
        Assert.True(ODataFilterEvaluator.Evaluate(model, "accounts", "statecode eq 0", new Dictionary<string, object?> { ["statecode"] = 0L }));
        Assert.False(ODataFilterEvaluator.Evaluate(model, "accounts", "statecode eq 0", new Dictionary<string, object?>()));
        Assert.True(ODataFilterEvaluator.Evaluate(model, "accounts", "statecode eq null", new Dictionary<string, object?>()));
        Assert.True(ODataFilterEvaluator.Evaluate(model, "accounts", "statecode eq 0 or customertypecode eq 3",
            new Dictionary<string, object?> { ["customertypecode"] = 3 }));
    }
}
