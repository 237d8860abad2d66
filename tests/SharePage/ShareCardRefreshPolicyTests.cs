using PledgeBot.SharePage;

namespace PledgeBot.Tests.SharePage;

public sealed class ShareCardRefreshPolicyTests
{
    [Fact]
    public void TheSameCountsNeedNoNewPicture()
    {
        var counts = new CauseCounts(12, 40, 30, 5);

        Assert.False(ShareCardRefreshPolicy.IsMeaningfulChange(counts, counts with { }));
    }

    [Theory]
    [InlineData(12, 40, 13, 41)] // a vote for the cause
    [InlineData(12, 40, 12, 41)] // a vote elsewhere moves the share
    [InlineData(12, 99, 11, 99)] // a changed vote, still under 100
    public void UnderAHundredVotesAnyVoteCounts(int votes, int total, int newVotes, int newTotal)
    {
        Assert.True(ShareCardRefreshPolicy.IsMeaningfulChange(
            new CauseCounts(votes, total, 0, null), new CauseCounts(newVotes, newTotal, 0, null)));
    }

    [Fact]
    public void UnderAHundredPledgesAnyPledgeCounts()
    {
        Assert.True(ShareCardRefreshPolicy.IsMeaningfulChange(new CauseCounts(500, 1000, 50, 98), new CauseCounts(500, 1000, 50, 99)));
    }

    [Theory]
    [InlineData(500, 1000, 509, 1009, false)] // 9 new votes: under 1% of the 1000 drawn
    [InlineData(500, 1000, 510, 1010, true)] // 10 new votes: 1%
    [InlineData(500, 1000, 500, 1010, true)] // 10 votes elsewhere: the share moved
    [InlineData(500, 1000, 500, 1009, false)]
    [InlineData(500, 1000, 490, 1000, true)] // 10 people moved their vote away: 1% of 1000
    [InlineData(500, 1000, 491, 1000, false)]
    public void FromAHundredVotesOnePercentOfTheVotesCounts(int votes, int total, int newVotes, int newTotal, bool expected)
    {
        Assert.Equal(expected, ShareCardRefreshPolicy.IsMeaningfulChange(
            new CauseCounts(votes, total, 50, null), new CauseCounts(newVotes, newTotal, 50, null)));
    }

    [Theory]
    [InlineData(1000, 1009, false)]
    [InlineData(1000, 1010, true)]
    [InlineData(1000, 990, true)]
    [InlineData(100, 101, true)]
    public void FromAHundredPledgesOnePercentOfThePledgesCounts(int pledges, int newPledges, bool expected)
    {
        Assert.Equal(expected, ShareCardRefreshPolicy.IsMeaningfulChange(
            new CauseCounts(500, 1000, 50, pledges), new CauseCounts(500, 1000, 50, newPledges)));
    }

    [Fact]
    public void AFallingCountMattersAsMuchAsARisingOne()
    {
        // Votes can move away from a cause; a fall matters as much as a rise.
        Assert.True(ShareCardRefreshPolicy.IsMeaningfulChange(new CauseCounts(3, 10, 30, null), new CauseCounts(2, 10, 20, null)));
    }
}
