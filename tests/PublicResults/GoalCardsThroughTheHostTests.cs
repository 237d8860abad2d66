using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.PublicResults;

/// <summary>The bot's cards after a vote and after a pledge show the progress toward the goals, through /api/messages.</summary>
public sealed class GoalCardsThroughTheHostTests
{
    [Fact]
    public async Task AfterAVoteTheCardCountsTheVotesTowardTheCampaignsGoalAndLinksToTheFullResults()
    {
        using var site = new ResultsSite(json => json["voteGoal"] = 2000);
        await site.VoteAsync(site.Cause(1), 2);

        var card = await VoteAsync(site, new ChannelActivities("anna", "chat-anna"), site.Cause(0).Id);

        Assert.Contains("3 of 2,000 votes", card.Text());
        var link = card.Button(Dialogs.Cards.ResultsCard.FullResultsTitle);
        Assert.Equal("Action.OpenUrl", link.Value<string>("type"));
        Assert.Equal($"{ResultsSite.PublicBaseUrl}results", link.Value<string>("url"));
    }

    [Fact]
    public async Task WithoutAGoalTheVoteCardCountsTowardTheNextMovingGoal()
    {
        using var site = new ResultsSite();
        await site.VoteAsync(site.Cause(1), 99);

        var card = await VoteAsync(site, new ChannelActivities("anna", "chat-anna"), site.Cause(0).Id);

        Assert.Contains("100 of 250 votes", card.Text());
    }

    [Fact]
    public async Task AReachedVoteGoalIsSaidSo()
    {
        using var site = new ResultsSite(json => json["voteGoal"] = 2);
        await site.VoteAsync(site.Cause(1), 2);

        var card = await VoteAsync(site, new ChannelActivities("anna", "chat-anna"), site.Cause(0).Id);

        Assert.Contains("3 votes: the goal of 2 is reached", card.Text());
    }

    [Fact]
    public async Task AfterAPledgeTheThankYouCountsEveryPledgeTowardThePledgesGoal()
    {
        using var site = new ResultsSite(json => json["causes"]![0]!["pledge"]!["goal"] = 5000);
        await site.PledgeAsync(site.PledgeCause, confirmed: true);
        await site.PledgeAsync(site.PledgeCause);
        await site.PledgeAsync(site.PledgeCause);

        var thanks = await PledgeAsync(site, new ChannelActivities("ben", "chat-ben"), "Ben", "ben@example.org");

        // Unconfirmed pledges count, as in "You are one of N", so the two numbers agree.
        Assert.Contains("You are one of 4 people who took the #NotOnMyScreen pledge.", thanks.Text());
        Assert.Contains("4 of 5,000 people have taken the pledge", thanks.Text());
    }

    [Fact]
    public async Task WithoutAGoalTheThankYouCountsTowardTheFirstMovingGoal()
    {
        using var site = new ResultsSite();

        var thanks = await PledgeAsync(site, new ChannelActivities("ben", "chat-ben"), "Ben", "ben@example.org");

        Assert.Contains("You are the first person to take the #NotOnMyScreen pledge.", thanks.Text());
        Assert.Contains("1 of 100 people have taken the pledge", thanks.Text());
    }

    private static async Task<JObject> VoteAsync(ResultsSite site, ChannelActivities person, string causeId) =>
        (await site.App.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "vote", ["causeId"] = causeId }))).Last().AsCard();

    private static async Task<JObject> PledgeAsync(ResultsSite site, ChannelActivities person, string firstName, string email)
    {
        await site.App.ExpectRepliesAsync(person.Message("pledge"));
        await site.App.ExpectRepliesAsync(person.Message(firstName));
        var consent = (await site.App.ExpectRepliesAsync(person.Message(email))).Last().AsCard();
        var check = (await site.App.ExpectRepliesAsync(person.Click((JObject)consent.Button("Yes, I agree")["data"]!))).Last().AsCard();
        return (await site.App.ExpectRepliesAsync(person.Click((JObject)check.Button("Confirm my pledge")["data"]!))).Last().AsCard();
    }
}
