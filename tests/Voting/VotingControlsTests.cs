using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.PublicResults;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Voting;

/// <summary>
/// Opening and closing voting (now or at a scheduled time) and hiding the tallies until it closes,
/// set through the admin API and seen as supporters see them: in the chat, on /results(.json) and on share pages.
/// </summary>
public sealed class VotingControlsTests : IDisposable
{
    private readonly ResultsSite site = new(settings: AdminRequests.Settings(("Teams:AllowedTenants:0", "tenant-contoso")));

    public void Dispose() => site.Dispose();

    [Fact]
    public async Task AfterAnAdminClosesVotingAVoteCountsNothingAndThePersonIsToldAndSeesTheFinalResults()
    {
        await VoteAsync(new ChannelActivities("anna"), site.Cause(0).Id);

        var closed = await ChangeAsync(new { action = "close" });
        var replies = await VoteAsync(new ChannelActivities("ben", "conversation-ben"), site.Cause(1).Id);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var card = Assert.Single(replies).AsCard();
        Assert.Contains("Voting has closed", card.Text());
        Assert.Contains("Final results", card.Text());
        Assert.Contains($"{site.Cause(0).Title}**: 1 vote (100%)", card.Text());
        Assert.DoesNotContain("Change my vote", card.ButtonTitles());
        Assert.DoesNotContain("Vote", card.ButtonTitles());
        var json = await site.GetJsonAsync();
        Assert.Equal(1, (int)json["votes"]!["total"]!);
        Assert.True((bool)json["voting"]!["closed"]!);
        Assert.Contains(await AuditAsync(), e => e.Action == "closed voting" && e.Who == "admin key");
    }

    [Fact]
    public async Task TalliesHiddenByAnAdminAreHiddenOnTheVeryNextTurnAfterACardShowedThem()
    {
        await VoteAsync(new ChannelActivities("anna"), site.Cause(0).Id);
        var person = new ChannelActivities("ben", "conversation-ben");
        var before = Assert.Single(await site.App.ExpectRepliesAsync(person.Message("results"))).AsCard();

        await ChangeAsync(new { hideTalliesUntilClosed = true });
        var after = Assert.Single(await site.App.ExpectRepliesAsync(person.Message("results"))).AsCard();

        Assert.Contains($"{site.Cause(0).Title}**: 1 vote (100%)", before.Text());
        Assert.Contains("Results will be shown when voting closes.", after.Text());
        Assert.DoesNotContain("1 vote (100%)", after.Text());
    }

    [Fact]
    public async Task AClosingWrittenByAnotherInstanceOfTheBotAppliesHereWithinASecond()
    {
        await VoteAsync(new ChannelActivities("anna"), site.Cause(0).Id);

        // Another instance on the same database closes voting; this one has the controls in memory.
        await new SqliteVotingControls(site.App.Services.GetRequiredService<SqliteDatabase>()).SaveAsync(new VotingSettings(ClosedNow: true, null, false));
        site.Clock.Advance(Dialogs.Results.RecentVotingControls.Lifetime);
        var replies = await VoteAsync(new ChannelActivities("ben", "conversation-ben"), site.Cause(1).Id);

        Assert.Contains("Voting has closed", Assert.Single(replies).AsCard().Text());
        Assert.Equal(1, (int)(await site.GetJsonAsync())["votes"]!["total"]!);
    }

    [Fact]
    public async Task WhileVotingIsClosedTheBallotGivesWayToTheFinalResultsAndOpeningAgainCountsVotes()
    {
        await ChangeAsync(new { action = "close" });
        var person = new ChannelActivities("anna");

        var ballot = Assert.Single(await site.App.ExpectRepliesAsync(person.Message("vote"))).AsCard();
        await ChangeAsync(new { action = "open" });
        var vote = Assert.Single(await VoteAsync(person, site.Cause(2).Id)).AsCard();

        Assert.Contains("Voting has closed", ballot.Text());
        Assert.Contains($"Your vote for {site.Cause(2).Title} is recorded", vote.Text());
        Assert.Equal(1, (int)(await site.GetJsonAsync())["votes"]!["total"]!);
        Assert.Contains(await AuditAsync(), e => e.Action == "opened voting");
    }

    [Fact]
    public async Task AScheduledCloseTakesEffectWhenItsTimePasses()
    {
        var scheduled = await ChangeAsync(new { action = "schedule", closesAt = "2026-11-24T18:00:00Z" });
        var state = await site.App.CreateAdminClient().GetFromJsonAsync<JsonNode>("/admin/api/voting");

        site.At(24, 17, 59);
        var before = Assert.Single(await VoteAsync(new ChannelActivities("anna"), site.Cause(0).Id)).AsCard();
        site.At(24, 18, 0);
        var after = Assert.Single(await VoteAsync(new ChannelActivities("ben", "conversation-ben"), site.Cause(0).Id)).AsCard();

        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.True((bool)state!["open"]!);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero), (DateTimeOffset)state["closesAt"]!);
        Assert.Contains("is recorded", before.Text());
        Assert.Contains("Voting has closed", after.Text());
        Assert.Equal(1, (int)(await site.GetJsonAsync())["votes"]!["total"]!);
        Assert.Contains(await AuditAsync(), e => e.Action == "scheduled voting to close at 2026-11-24 18:00:00 UTC");
    }

    [Fact]
    public async Task HiddenTalliesLeaveEveryPerCauseCountOutUntilVotingClosesButConfirmThePersonsOwnVote()
    {
        await site.VoteAsync(site.Cause(1), 3);
        await ChangeAsync(new { hideTalliesUntilClosed = true });

        var own = Assert.Single(await VoteAsync(new ChannelActivities("anna"), site.Cause(0).Id)).AsCard();
        var json = await site.GetJsonAsync();
        var (_, sharePage) = await site.GetPageAsync($"/c/{site.Cause(1).Id}");
        var (_, resultsPage) = await site.GetPageAsync("/results");

        Assert.Contains($"Your vote for {site.Cause(0).Title} is recorded", own.Text());
        Assert.Contains("Results will be shown when voting closes", own.Text());
        Assert.DoesNotContain("(75%)", own.Text());
        Assert.All(json["causes"]!.AsArray(), c => Assert.Null(c!["votes"]));
        Assert.All(json["causes"]!.AsArray(), c => Assert.Null(c!["percent"]));
        Assert.True((bool)json["voting"]!["talliesHidden"]!);
        Assert.Contains("Results will be shown when voting closes", sharePage.QuerySelector(".share-counts")!.TextContent);
        Assert.DoesNotContain("for this cause", sharePage.QuerySelector(".share-counts")!.TextContent);
        Assert.Null(resultsPage.QuerySelector(".results-table .results-percent"));
        Assert.Contains(await AuditAsync(), e => e.Action == "tallies hidden until voting closes");
        // Hidden from supporters, not from the campaign: the admin's figures keep every count.
        var admin = System.Text.Json.Nodes.JsonNode.Parse(await site.App.CreateAdminClient().GetStringAsync("/admin/api/results"))!;
        Assert.Equal(3, (int)admin["public"]!["causes"]![1]!["votes"]!);

        await ChangeAsync(new { action = "close" });
        var afterJson = await site.GetJsonAsync();
        var (_, afterShare) = await site.GetPageAsync($"/c/{site.Cause(1).Id}");

        Assert.Equal([1, 3, 0, 0], afterJson["causes"]!.AsArray().Select(c => (int)c!["votes"]!));
        Assert.Contains("3 votes for this cause", afterShare.QuerySelector(".share-counts")!.TextContent);
    }

    [Fact]
    public async Task ATeamsInPlaceVoteAfterCloseRecordsNothingAndAnswersWithTheFinalResults()
    {
        await using var teams = await ConnectorStandIn.StartAsync();
        await ChangeAsync(new { action = "close" });
        var anna = new TeamsActivities(teams.ServiceUrl, "aad-anna");

        var response = await site.App.CreateClient().PostAsync("/api/messages", new StringContent(
            anna.CardAction("vote", new JObject { ["action"] = "vote", ["causeId"] = site.Cause(0).Id }).ToString(), Encoding.UTF8, "application/json"));
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Voting has closed", ((JObject)body["value"]!).Text());
        Assert.Equal(0, (int)(await site.GetJsonAsync())["votes"]!["total"]!);
    }

    [Theory]
    [InlineData("""{"action": "pause"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"action": "schedule"}""")]
    [InlineData("""{"action": "schedule", "closesAt": "2026-11-24T09:00:00Z"}""")]
    [InlineData("""{"action": "close", "closesAt": "2026-12-24T09:00:00Z"}""")]
    [InlineData("""{"action": "schedule", "closesAt": "next tuesday"}""")]
    [InlineData("not json")]
    public async Task ABadChangeGetsAProblemAndChangesNothing(string json)
    {
        var response = await site.App.CreateAdminClient().PostAsync("/admin/api/voting", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(VotingSettings.Default, await site.App.Services.GetRequiredService<IVotingControls>().ReadAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task TheVotingControlsNeedTheAdminKey()
    {
        var anonymous = site.App.CreateClient();
        var wrongKey = site.App.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-admin-key-at-all-000000000000");

        var read = await anonymous.GetAsync("/admin/api/voting");
        var close = await anonymous.PostAsJsonAsync("/admin/api/voting", new { action = "close" });
        var closeWithWrongKey = await wrongKey.PostAsJsonAsync("/admin/api/voting", new { action = "close" });

        Assert.False(read.IsSuccessStatusCode);
        Assert.False(close.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, closeWithWrongKey.StatusCode);
        Assert.Equal(VotingSettings.Default, await site.App.Services.GetRequiredService<IVotingControls>().ReadAsync());
    }

    [Fact]
    public async Task ASignedInAdminClosesVotingAndSchedulesACloseWithTheForm()
    {
        var browser = new AdminBrowser(site.App);
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var closed = await browser.SubmitAsync("/admin/voting", "/admin/voting", ("action", "close"));
        var closedPage = await closed.Content.ReadAsStringAsync();
        var scheduled = await browser.SubmitAsync("/admin/voting", "/admin/voting", ("action", "schedule"), ("closesAt", "2026-11-30T18:00"));
        var past = await browser.SubmitAsync("/admin/voting", "/admin/voting", ("action", "schedule"), ("closesAt", "2026-11-01T18:00"));

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("Voting is closed", closedPage);
        Assert.Contains("Voting is open until 2026-11-30 18:00 UTC", await scheduled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(
            new VotingSettings(false, new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero), false),
            await site.App.Services.GetRequiredService<IVotingControls>().ReadAsync());
        Assert.Equal(["scheduled voting to close at 2026-11-30 18:00:00 UTC", "closed voting"], (await AuditAsync()).Select(e => e.Action).Where(a => a.Contains("voting")));
    }

    [Fact]
    public async Task AVotingFormWithoutItsAntiforgeryTokenChangesNothing()
    {
        var browser = new AdminBrowser(site.App);
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var response = await browser.Http.PostAsync("/admin/voting", new FormUrlEncodedContent([new("action", "close")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", await response.Content.ReadAsStringAsync());
        Assert.Equal(VotingSettings.Default, await site.App.Services.GetRequiredService<IVotingControls>().ReadAsync());
    }

    private Task<IReadOnlyList<JObject>> VoteAsync(ChannelActivities person, string causeId) =>
        site.App.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "vote", ["causeId"] = causeId }));

    private Task<HttpResponseMessage> ChangeAsync(object change) => site.App.CreateAdminClient().PostAsJsonAsync("/admin/api/voting", change);

    private Task<IReadOnlyList<AdminAuditEntry>> AuditAsync() => site.App.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(20);
}
