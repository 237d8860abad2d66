using PledgeBot.Storage;

namespace PledgeBot.Tests.Storage;

/// <summary>The tally's percentages, as the cards and the results page show them.</summary>
public sealed class VoteTallyTests
{
    [Theory]
    [InlineData(1, 3, 33)]
    [InlineData(2, 3, 67)]
    [InlineData(1, 8, 13)]
    [InlineData(3, 8, 38)]
    [InlineData(1, 200, 1)]
    [InlineData(1, 201, 0)]
    [InlineData(5, 5, 100)]
    public void PercentagesAreRoundedToWholeNumbersWithHalvesRoundedUp(int votesFor, int total, int expected)
    {
        var tally = new VoteTally(new Dictionary<string, int> { ["a"] = votesFor, ["b"] = total - votesFor });

        Assert.Equal(expected, tally.PercentFor("a"));
    }

    [Fact]
    public void PercentagesAreZeroWhenNobodyHasVoted()
    {
        var tally = new VoteTally(new Dictionary<string, int>());

        Assert.Equal(0, tally.Total);
        Assert.Equal(0, tally.PercentFor("yemen-crisis"));
    }
}
