using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Teams;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Teams;

public sealed class UniversalActionsInvokeTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task AVoteClickAnswersWithTheUpdatedCardShowingTheChoiceAndTallies()
    {
        var cause = bot.Content.Causes[1];

        var response = await bot.TeamsChat("aad-anna").InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = cause.Id }));

        Assert.Equal(200, response.Value<int>("statusCode"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", response.Value<string>("type"));
        var card = (JObject)response["value"]!;
        Assert.Equal("AdaptiveCard", card.Value<string>("type"));
        Assert.Contains($"Your vote for {cause.Title} is recorded", card.Text());
        Assert.Contains($"**{cause.Title}** (your vote): 1 vote (100%)", card.Text());
        Assert.Equal("results", card["refresh"]!["action"]!["data"]!.Value<string>("view"));
        Assert.Equal(1, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
    }

    [Fact]
    public async Task TwoPeopleVotingOnOneSharedCardEachSeeTheirOwnView()
    {
        var anna = bot.TeamsChat("aad-anna", "group-1", "groupChat");
        var ben = bot.TeamsChat("aad-ben", "group-1", "groupChat");
        var first = bot.Content.Causes[0];
        var third = bot.Content.Causes[2];

        await anna.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = first.Id }));
        var bensCard = (JObject)(await ben.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = third.Id })))["value"]!;
        var annasRefresh = (JObject)(await anna.InvokeAsync("adaptiveCard/action", Execute("refresh", new { view = "results" }, trigger: "automatic")))["value"]!;

        Assert.Contains($"**{third.Title}** (your vote): 1 vote (50%)", bensCard.Text());
        Assert.Contains($"**{first.Title}**: 1 vote (50%)", bensCard.Text());
        Assert.Contains($"**{first.Title}** (your vote): 1 vote (50%)", annasRefresh.Text());
        Assert.Contains("2 votes so far.", annasRefresh.Text());
    }

    [Fact]
    public async Task ChangingAVoteInPlaceMovesItAndClickingTwiceCountsOnce()
    {
        var anna = bot.TeamsChat("aad-anna");
        await anna.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[0].Id }));

        var changed = (JObject)(await anna.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[3].Id })))["value"]!;
        var again = (JObject)(await anna.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[3].Id })))["value"]!;

        Assert.Contains($"You changed your vote from {bot.Content.Causes[0].Title} to {bot.Content.Causes[3].Title}", changed.Text());
        Assert.Contains("was already recorded; it counts once", again.Text());
        Assert.Equal(1, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
    }

    [Fact]
    public async Task NextStoryUpdatesTheCardInPlaceWithTheCausesStanding()
    {
        var anna = bot.TeamsChat("aad-anna");
        await anna.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[1].Id }));

        var next = (JObject)(await anna.InvokeAsync("adaptiveCard/action", Execute("stories", new { action = "stories", story = 2 })))["value"]!;

        Assert.Contains("Story 2 of 4", next.Text());
        Assert.Contains("1 vote so far (100%), yours included.", next.Text());
    }

    [Fact]
    public async Task AVoteForAnUnknownCauseStoresNothingAndShowsTheBallot()
    {
        var card = (JObject)(await bot.TeamsChat("aad-anna").InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = "gone" })))["value"]!;

        Assert.Contains("Vote for a cause", card.Text());
        Assert.Equal(0, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
    }

    [Fact]
    public async Task AnotherTenantIsRefusedPolitelyAndNothingIsStored()
    {
        var gate = new TeamsTenantGate(["tenant-contoso"]);
        var outsider = bot.TeamsChat("aad-eve", tenantId: "tenant-fabrikam", middleware: gate);

        var invoke = await outsider.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[0].Id }));
        await outsider.SendAsync(new Microsoft.Bot.Schema.Activity { Type = "message", Text = "pledge" });

        Assert.Equal("application/vnd.microsoft.activity.message", invoke.Value<string>("type"));
        Assert.Equal(TeamsTenantGate.Refusal, invoke.Value<string>("value"));
        Assert.Equal(TeamsTenantGate.Refusal, Assert.Single(outsider.LastReplies).AsMessageActivity().Text);
        Assert.Equal(0, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
        await using var connection = await bot.Database.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM bot_state";
        Assert.Equal(0L, await count.ExecuteScalarAsync());

        var member = bot.TeamsChat("aad-anna", middleware: gate);
        await member.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[0].Id }));
        Assert.Equal(1, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
    }

    public void Dispose() => bot.Dispose();

    private static object Execute(string verb, object data, string trigger = "manual") => new
    {
        action = new { type = "Action.Execute", verb, data },
        trigger,
    };
}
