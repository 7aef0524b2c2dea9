using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Engine;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// How a project's definition is found in its assembly: the one generated <c>DualWriteMaps</c> class (static, with
/// <c>All</c> and <c>NumberSequences</c>). This test assembly holds look-alikes of it, nested below, for the cases a
/// project's own assembly does not show.
/// </summary>
public sealed class DualWriteMapSetTests
{
    [Fact]
    public void A_projects_assembly_gives_its_maps_in_order_and_its_number_sequences()
    {
        var set = DualWriteMapSet.FromAssembly(typeof(Contoso.Integration.DualWriteMaps).Assembly);

        Assert.Equal(Contoso.Integration.DualWriteMaps.All, set.Maps);
        Assert.Equal(Contoso.Integration.DualWriteMaps.All.Select(m => m.Name), set.Names);
        Assert.NotEmpty(set.NumberSequences);
        Assert.Equal(Contoso.Integration.DualWriteMaps.NumberSequences, set.NumberSequences);
    }

    [Fact]
    public void An_assembly_without_the_generated_class_is_refused_with_what_to_do()
    {
        var exception = Assert.Throws<ArgumentException>(() => DualWriteMapSet.FromAssembly(typeof(DualWriteMapSet).Assembly));

        Assert.Equal("DualWrite.Runtime has no generated DualWriteMaps class; build the project that holds the maps and pass its assembly. (Parameter 'assembly')", exception.Message);
    }

    [Fact]
    public void An_assembly_with_several_generated_classes_is_refused_naming_them_and_not_the_look_alikes()
    {
        var exception = Assert.Throws<ArgumentException>(() => DualWriteMapSet.FromAssembly(typeof(DualWriteMapSetTests).Assembly));

        Assert.Equal(
            $"DualWrite.Runtime.Tests has several DualWriteMaps classes ({typeof(FirstProject.DualWriteMaps).FullName}, {typeof(SecondProject.DualWriteMaps).FullName}). (Parameter 'assembly')",
            exception.Message);
    }

    [Fact]
    public void A_missing_argument_is_named()
    {
        Assert.Equal("assembly", Assert.Throws<ArgumentNullException>(() => DualWriteMapSet.FromAssembly(null!)).ParamName);
        Assert.Equal("maps", Assert.Throws<ArgumentNullException>(() => new DualWriteMapSet(null!, [])).ParamName);
        Assert.Equal("numberSequences", Assert.Throws<ArgumentNullException>(() => new DualWriteMapSet([], null!)).ParamName);
    }

    public static class FirstProject
    {
        public static class DualWriteMaps
        {
            public static IReadOnlyList<IDualWriteMap> All => [];

            public static IReadOnlyList<NumberSequence> NumberSequences => [];
        }
    }

    public static class SecondProject
    {
        public static class DualWriteMaps
        {
            public static IReadOnlyList<IDualWriteMap> All => [];

            public static IReadOnlyList<NumberSequence> NumberSequences => [];
        }
    }

    public static class WithoutNumberSequences
    {
        public static class DualWriteMaps
        {
            public static IReadOnlyList<IDualWriteMap> All => [];
        }
    }

    public static class WithoutMaps
    {
        public static class DualWriteMaps
        {
            public static IReadOnlyList<NumberSequence> NumberSequences => [];
        }
    }

    public static class MapsOfAnotherType
    {
        public static class DualWriteMaps
        {
            public static IReadOnlyList<string> All => [];

            public static IReadOnlyList<NumberSequence> NumberSequences => [];
        }
    }

    public static class NumberSequencesOfAnotherType
    {
        public static class DualWriteMaps
        {
            public static IReadOnlyList<IDualWriteMap> All => [];

            public static IReadOnlyList<string> NumberSequences => [];
        }
    }

    public static class NotStatic
    {
        public sealed class DualWriteMaps
        {
            public static IReadOnlyList<IDualWriteMap> All => [];

            public static IReadOnlyList<NumberSequence> NumberSequences => [];
        }
    }
}
