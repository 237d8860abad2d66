using PledgeBot.Dialogs.Results;

namespace PledgeBot.Tests.PublicResults;

public sealed class GoalTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(99, 100)]
    [InlineData(100, 250)] // a goal reached moves on at once
    [InlineData(249, 250)]
    [InlineData(250, 500)]
    [InlineData(499, 500)]
    [InlineData(500, 1_000)]
    [InlineData(999, 1_000)]
    [InlineData(1_000, 2_500)]
    [InlineData(1_204, 2_500)]
    [InlineData(2_500, 5_000)]
    [InlineData(5_000, 10_000)]
    [InlineData(10_000, 25_000)]
    [InlineData(25_000, 50_000)]
    [InlineData(50_000, 100_000)]
    [InlineData(99_999, 100_000)]
    [InlineData(100_000, 250_000)]
    [InlineData(1_000_000, 2_500_000)]
    [InlineData(999_999_999, 1_000_000_000)]
    [InlineData(int.MaxValue, 2_500_000_000)]
    public void WithoutACampaignGoalTheGoalIsTheNextStepAboveTheCount(int count, long goal)
    {
        var progress = GoalProgress.Toward(count, campaignGoal: null);

        Assert.Equal(goal, progress.Goal);
        Assert.False(progress.SetByCampaign);
        Assert.False(progress.Reached);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1_204, 60)]
    [InlineData(1_999, 99)] // rounded down: 100% only once reached
    [InlineData(2_000, 100)]
    [InlineData(2_304, 100)]
    public void ACampaignGoalStaysTheGoalAndItsPercentIsRoundedDownToAtMost100(int count, int percent)
    {
        var progress = GoalProgress.Toward(count, campaignGoal: 2_000);

        Assert.Equal(2_000, progress.Goal);
        Assert.True(progress.SetByCampaign);
        Assert.Equal(percent, progress.Percent);
        Assert.Equal(count >= 2_000, progress.Reached);
    }

    [Theory]
    [InlineData(1_204, 2_000, "1,204 of 2,000 votes")]
    [InlineData(1, null, "1 of 100 votes")]
    [InlineData(2_304, 2_000, "2,304 votes: the goal of 2,000 is reached")]
    [InlineData(1, 1, "1 vote: the goal of 1 is reached")]
    public void VotesTowardTheGoalReadAsWords(int count, int? goal, string words) =>
        Assert.Equal(words, GoalProgress.Toward(count, goal).DescribeVotes());

    [Theory]
    [InlineData(1_204, 2_000, "1,204 of 2,000 people have taken the pledge")]
    [InlineData(12, null, "12 of 100 people have taken the pledge")]
    [InlineData(5_000, 5_000, "5,000 people have taken the pledge: the goal of 5,000 is reached")]
    [InlineData(1, 1, "1 person has taken the pledge: the goal of 1 is reached")]
    public void PledgesTowardTheGoalReadAsWords(int count, int? goal, string words) =>
        Assert.Equal(words, GoalProgress.Toward(count, goal).DescribePledges());
}
