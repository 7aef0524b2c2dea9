extern alias Abstractions;

using System;
using Abstractions::DualWrite;

namespace DualWrite.Generator.Tests.Abstractions;

/// <summary>The typed key path generated maps hand the runtime (issue 15): split once, compared by schema name.</summary>
public sealed class KeyPathTests
{
    [Fact]
    public void A_path_through_a_lookup_keeps_its_segments_and_its_dotted_text()
    {
        var path = new KeyPath("msdyn_company", "cdm_companycode");

        Assert.Equal(new[] { "msdyn_company", "cdm_companycode" }, path.Segments);
        Assert.Equal("cdm_companycode", path.Column);
        Assert.True(path.ThroughLookup);
        Assert.Equal("msdyn_company.cdm_companycode", path.Text);
        Assert.Equal("msdyn_company.cdm_companycode", path.ToString());
    }

    [Fact]
    public void A_column_path_goes_through_no_lookup()
    {
        var path = new KeyPath("accountnumber");

        Assert.False(path.ThroughLookup);
        Assert.Equal("accountnumber", path.Column);
    }

    [Fact]
    public void Paths_compare_by_their_names_ignoring_case()
    {
        Assert.Equal(new KeyPath("msdyn_company", "cdm_companycode"), new KeyPath("MSDYN_company", "cdm_CompanyCode"));
        Assert.Equal(new KeyPath("a", "b").GetHashCode(), new KeyPath("A", "B").GetHashCode());
        Assert.NotEqual(new KeyPath("a", "b"), new KeyPath("a"));
        Assert.False(new KeyPath("a").Equals(null));
    }

    [Fact]
    public void The_path_does_not_change_when_its_array_does()
    {
        var segments = new[] { "msdyn_company", "cdm_companycode" };
        var path = new KeyPath(segments);
        segments[1] = "name";

        Assert.Equal("cdm_companycode", path.Column);
    }

    [Fact]
    public void A_path_needs_property_names_without_dots()
    {
        Assert.Throws<ArgumentException>(() => new KeyPath());
        Assert.Throws<ArgumentException>(() => new KeyPath("msdyn_company", string.Empty));
        Assert.Throws<ArgumentException>(() => new KeyPath("msdyn_company.cdm_companycode"));
    }
}
