using Microsoft.Bot.Schema;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Journey;

public sealed class VoteJourneyTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task VotingFromAStoryRecordsItAndShowsTheResults()
    {
        var chat = bot.Chat();
        await chat.SayAsync("stories");

        var results = await chat.ClickAsync("Vote for this cause");

        var cause = bot.Content.Causes[0];
        Assert.Contains($"Your vote for {cause.Title} is recorded", results.Text());
        Assert.Contains($"**{cause.Title}** (your vote): 1 vote (100%)", results.Text());
        Assert.Contains("1 vote so far.", results.Text());
        Assert.Contains("Take the pledge", results.ButtonTitles());
        Assert.Contains("Share", results.ButtonTitles());
        Assert.Equal(1, (await bot.Votes.GetTallyAsync(bot.Content.Id)).VotesFor(cause.Id));
    }

    [Fact]
    public async Task VotingAgainChangesTheVoteAndSaysSoWithoutCountingTwice()
    {
        var chat = bot.Chat();
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {bot.Content.Causes[0].Title}");
        await chat.ClickAsync("Change my vote");

        var results = await chat.ClickAsync($"Vote for {bot.Content.Causes[2].Title}");

        Assert.Contains($"You changed your vote from {bot.Content.Causes[0].Title} to {bot.Content.Causes[2].Title}", results.Text());
        Assert.Contains("1 vote so far.", results.Text());
        var tally = await bot.Votes.GetTallyAsync(bot.Content.Id);
        Assert.Equal(0, tally.VotesFor(bot.Content.Causes[0].Id));
        Assert.Equal(1, tally.VotesFor(bot.Content.Causes[2].Id));
    }

    [Fact]
    public async Task TheBallotShowsThePersonsCurrentVote()
    {
        var chat = bot.Chat();
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {bot.Content.Causes[1].Title}");

        var ballot = await chat.SayAsync("vote");

        Assert.Contains($"You voted for **{bot.Content.Causes[1].Title}**", ballot.Text());
        Assert.Contains($"{bot.Content.Causes[1].Title} (your vote)", ballot.Text());
    }

    [Fact]
    public async Task ClickingTheSameVoteButtonTwiceCountsOnce()
    {
        var chat = bot.Chat();
        await chat.SayAsync("stories");
        var storyCard = chat.LastCard;
        await chat.ClickAsync("Vote for this cause");

        // The second click comes from the same story card, as an impatient double click does.
        var data = storyCard.Button("Vote for this cause")["data"]!.DeepClone();
        var second = await chat.SendAndReadCardAsync(new Activity { Type = ActivityTypes.Message, Value = data });

        Assert.Contains("was already recorded; it counts once", second.Text());
        Assert.Equal(1, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
    }

    [Fact]
    public async Task EachPersonHasTheirOwnVote()
    {
        var anna = bot.Chat("anna", "conversation-a");
        await anna.SayAsync("vote");
        await anna.ClickAsync($"Vote for {bot.Content.Causes[0].Title}");
        var ben = bot.Chat("ben", "conversation-b");
        await ben.SayAsync("vote");

        var results = await ben.ClickAsync($"Vote for {bot.Content.Causes[1].Title}");

        Assert.Contains("2 votes so far.", results.Text());
        Assert.Contains($"**{bot.Content.Causes[0].Title}**: 1 vote (50%)", results.Text());
    }

    [Fact]
    public async Task AVoteForAnUnknownCauseStoresNothingAndShowsTheBallot()
    {
        var chat = bot.Chat();

        await chat.SendAsync(new Activity { Type = ActivityTypes.Message, Value = Vote("no-such-cause") });

        Assert.Contains("not on the ballot", chat.LastReplies[0].Card().Text());
        Assert.Contains("Vote for a cause", chat.LastCard.Text());
        Assert.Equal(0, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
    }

    [Fact]
    public async Task ResultsShowEveryCauseWithVotesAndShare()
    {
        var chat = bot.Chat();
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {bot.Content.Causes[3].Title}");

        var results = await bot.Chat("someone-else", "conversation-2").SayAsync("results");

        foreach (var cause in bot.Content.Causes)
        {
            Assert.Contains($"**{cause.Title}**", results.Text());
        }

        Assert.Contains($"**{bot.Content.Causes[3].Title}**: 1 vote (100%)", results.Text());
        Assert.Contains($"**{bot.Content.Causes[0].Title}**: 0 votes (0%)", results.Text());
    }

    [Fact]
    public async Task VotesSurviveARestart()
    {
        var chat = bot.Chat();
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {bot.Content.Causes[2].Title}");

        using var restarted = new BotUnderTest(bot.Folder);
        var results = await restarted.Chat().SayAsync("results");

        Assert.Contains($"**{bot.Content.Causes[2].Title}** (your vote): 1 vote (100%)", results.Text());
    }

    public void Dispose() => bot.Dispose();

    private static Newtonsoft.Json.Linq.JObject Vote(string causeId) => new() { ["action"] = "vote", ["causeId"] = causeId };
}
