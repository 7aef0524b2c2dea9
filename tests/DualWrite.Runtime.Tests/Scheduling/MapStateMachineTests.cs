using System;
using System.Linq;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests.Scheduling;

/// <summary>The map-state table, cell by cell: every allowed transition and every refused one.</summary>
public sealed class MapStateMachineTests
{
    public static TheoryData<MapState, string, MapState> AllowedTransitions => new()
    {
        { MapState.Running, "Pause", MapState.Paused },
        { MapState.Running, "Stop", MapState.Stopped },
        { MapState.Running, "Resume", MapState.Running },
        { MapState.Running, "ResumeWithoutCatchUp", MapState.Running },
        { MapState.Running, "Relink", MapState.Running },
        { MapState.Paused, "Pause", MapState.Paused },
        { MapState.Paused, "Stop", MapState.Stopped },
        { MapState.Paused, "Resume", MapState.Replaying },
        { MapState.Paused, "ResumeWithoutCatchUp", MapState.Running },
        { MapState.Paused, "Relink", MapState.Paused },
        { MapState.Replaying, "Pause", MapState.Paused },
        { MapState.Replaying, "Stop", MapState.Stopped },
        { MapState.Replaying, "Resume", MapState.Replaying },
        { MapState.Replaying, "ResumeWithoutCatchUp", MapState.Running },
        { MapState.Replaying, "FinishReplay", MapState.Running },
        { MapState.Replaying, "Relink", MapState.Running },
        { MapState.Stopped, "Pause", MapState.Paused },
        { MapState.Stopped, "Stop", MapState.Stopped },
        { MapState.Stopped, "Resume", MapState.Replaying },
        { MapState.Stopped, "ResumeWithoutCatchUp", MapState.Running },
        { MapState.Stopped, "Relink", MapState.Stopped },
    };

    public static TheoryData<MapState, string> RefusedTransitions => new()
    {
        { MapState.Running, "FinishReplay" },
        { MapState.Paused, "FinishReplay" },
        { MapState.Stopped, "FinishReplay" },
    };

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void An_allowed_transition_leads_to_its_state(MapState from, string transition, MapState to) =>
        Assert.Equal(to, MapStateMachine.Next("Customers", from, Enum.Parse<MapTransition>(transition)));

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void A_refused_transition_names_the_map_the_state_and_the_transition(MapState from, string transition)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => MapStateMachine.Next("Customers", from, Enum.Parse<MapTransition>(transition)));

        Assert.Contains("Customers", exception.Message, StringComparison.Ordinal);
        Assert.Contains(from.ToString(), exception.Message, StringComparison.Ordinal);
        Assert.Contains(transition, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tests_cover_every_cell_of_the_table()
    {
        var allowed = AllowedTransitions.Select(row => ((MapState)row[0], Enum.Parse<MapTransition>((string)row[1]))).ToHashSet();
        var refused = RefusedTransitions.Select(row => ((MapState)row[0], Enum.Parse<MapTransition>((string)row[1]))).ToHashSet();
        var cells = Enum.GetValues<MapState>().SelectMany(state => Enum.GetValues<MapTransition>().Select(transition => (state, transition))).ToList();

        Assert.Equal(cells.Count, allowed.Count + refused.Count);
        Assert.All(cells, cell => Assert.True(allowed.Contains(cell) ^ refused.Contains(cell), $"{cell} is not listed once"));
        Assert.Equal(allowed, MapStateMachine.Allowed.Select(entry => entry.Key).ToHashSet());
    }

    [Theory]
    [InlineData(MapState.Running, "SyncLive", true)]
    [InlineData(MapState.Paused, "Stage", false)]
    [InlineData(MapState.Replaying, "Replay", false)]
    [InlineData(MapState.Stopped, "Rest", false)]
    public void Each_state_allows_one_pass_activity_and_only_running_maps_carry_live_saves(MapState state, string activity, bool carriesLiveSaves)
    {
        Assert.Equal(Enum.Parse<MapActivity>(activity), MapStateMachine.PassActivity(state));
        Assert.Equal(carriesLiveSaves, MapStateMachine.CarriesLiveSaves(state));
    }
}
