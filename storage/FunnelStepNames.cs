namespace PledgeBot.Storage;

/// <summary>How the funnel's steps are named in <c>funnel_steps</c>, on every database.</summary>
public static class FunnelStepNames
{
    public static string Of(FunnelStep step) => step switch
    {
        FunnelStep.Joined => "joined",
        FunnelStep.ReadAStory => "read_a_story",
        FunnelStep.Shared => "shared",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown funnel step."),
    };

    /// <summary>The counts of people per step name, as the table gives them, with 0 for a step nobody reached.</summary>
    public static FunnelCounts Counts(IReadOnlyDictionary<string, long> peoplePerStep) => new(
        peoplePerStep.GetValueOrDefault(Of(FunnelStep.Joined)),
        peoplePerStep.GetValueOrDefault(Of(FunnelStep.ReadAStory)),
        peoplePerStep.GetValueOrDefault(Of(FunnelStep.Shared)));
}
