using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// Follow-ups sent by the host's own worker, from the durable queue to people's Teams personal
/// chats, against a stand-in of Teams' connector that keeps Teams' limits and counts every break:
/// everyone reached once, tenants side by side, each outcome recorded.
/// </summary>
public sealed class FollowUpSendingTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private TeamsConnectorStandIn teams = null!;
    private BotApplication app = null!;
    private FollowUpSubscribers subscribers = null!;

    public async Task InitializeAsync()
    {
        teams = await TeamsConnectorStandIn.StartAsync();
        app = new BotApplication(data.Path);
        subscribers = new FollowUpSubscribers(app.Services);
    }

    [Fact]
    public async Task TenThousandPeopleInThreeTenantsAreEachReachedOnceWithinTeamsLimitsWithTheTenantsSideBySide()
    {
        var tenants = new[] { "tenant-contoso", "tenant-fabrikam", "tenant-northwind" };
        var everyone = tenants.SelectMany((tenant, i) => TeamsRecipients.InTenant(teams.ServiceUrl, tenant, i == 0 ? 3334 : 3333)).ToList();
        Assert.Equal(10_000, everyone.Count);
        await subscribers.SubscribeInTeamsAsync(everyone);

        var update = await subscribers.SendUpdateAsync("The results are in", "Thank you for voting.\n\nThe campaign goes on.");
        var progress = await subscribers.FinishedAsync(update, within: TimeSpan.FromMinutes(6));

        Assert.Equal((10_000, 0, 0, 0, 0), (progress.Sent, progress.Pending, progress.Failed, progress.Blocked, progress.Skipped));
        Assert.Equal(0, teams.LimitBreaks);
        var delivered = teams.Accepted;
        Assert.Equal(everyone.Select(p => p.Conversation.Id).Order(), delivered.Select(d => d.ConversationId).Order());
        Assert.All(tenants, tenant => Assert.InRange(teams.PeakPerSecond(tenant), 1, 50));
        // Side by side: each tenant's messages arrive over (nearly) the whole time, not one tenant after another.
        var (first, last) = (delivered.Min(d => d.ArrivedAt), delivered.Max(d => d.ArrivedAt));
        foreach (var tenant in tenants)
        {
            var own = delivered.Where(d => d.TenantId == tenant).Select(d => d.ArrivedAt).ToList();
            Assert.True((own.Max() - own.Min()) / (last - first) > 0.8, $"{tenant} was sent to from {own.Min()} to {own.Max()}, of {first} to {last}.");
        }

        var card = delivered[0].Activity["attachments"]![0]!["content"]!;
        Assert.Equal(["The results are in", "Thank you for voting.", "The campaign goes on.", "You get this because you asked for updates. Type stop to end them."],
            card["body"]!.Select(e => e.Value<string>("text")));
        Assert.Equal("The results are in", delivered[0].Activity.Value<string>("summary"));
    }

    [Fact]
    public async Task SomeoneWhoBlockedTheBotIsRecordedAsBlockedAndNotTriedAgain()
    {
        var people = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-contoso", 3);
        await subscribers.SubscribeInTeamsAsync(people);
        teams.BlockUser(people[1].User.Id);

        var first = await subscribers.FinishedAsync(await subscribers.SendUpdateAsync("News", "One."), TimeSpan.FromMinutes(1));
        var second = await subscribers.FinishedAsync(await subscribers.SendUpdateAsync("More news", "Two."), TimeSpan.FromMinutes(1));

        Assert.Equal((2, 1), (first.Sent, first.Blocked));
        Assert.Equal((2, 0, 0), (second.Sent, second.Blocked, second.Pending));
        Assert.Single(teams.Requests, r => r.ConversationId == people[1].Conversation.Id);
        var state = await app.Services.GetRequiredService<IFollowUps>().FindAsync(subscribers.CampaignId, subscribers.PersonKeyOf(people[1]));
        Assert.Equal(FollowUpStatus.Unreachable, state.Choice!.Status);
        Assert.Equal(["HTTP 403"], await ReasonsAsync(first.UpdateId, "blocked"));
        // What an operator's dashboard counts: outcomes by route, never who.
        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        Assert.Matches("""pledgebot_follow_ups_total\{(?=[^}]*outcome="sent")(?=[^}]*route="teams")[^}]*\} 4\n""", metrics);
        Assert.Matches("""pledgebot_follow_ups_total\{(?=[^}]*outcome="blocked")(?=[^}]*route="teams")[^}]*\} 1\n""", metrics);
    }

    [Fact]
    public async Task SomeoneWhoStoppedGetsNothingAndSomeoneWhoStopsAfterTheUpdateWasQueuedIsSkipped()
    {
        // The update is queued by a host whose sender does not run, so that a stop can come between queueing and sending.
        app.Dispose();
        app = new BotApplication(data.Path, testServices: FollowUpSubscribers.WithoutTheSender);
        subscribers = new FollowUpSubscribers(app.Services);
        var people = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-contoso", 3);
        await subscribers.SubscribeInTeamsAsync(people);
        var personalData = app.Services.GetRequiredService<IPersonalDataStore>();
        await personalData.WithdrawContactAsync(subscribers.CampaignId, subscribers.PersonKeyOf(people[0]), "msteams", DateTimeOffset.UtcNow);
        var update = await subscribers.SendUpdateAsync("News", "One.");
        Assert.Equal(2, await app.Services.GetRequiredService<IFollowUpQueue>().QueueDueAsync(DateTimeOffset.UtcNow));
        await personalData.WithdrawContactAsync(subscribers.CampaignId, subscribers.PersonKeyOf(people[1]), "msteams", DateTimeOffset.UtcNow);

        app.Dispose();
        app = new BotApplication(data.Path);
        subscribers = new FollowUpSubscribers(app.Services);
        app.Services.GetRequiredService<FollowUpSignal>().Pulse();
        var progress = await subscribers.FinishedAsync(update, TimeSpan.FromMinutes(1));

        Assert.Equal((1, 1), (progress.Sent, progress.Skipped));
        Assert.Equal([people[2].Conversation.Id], teams.Requests.Select(r => r.ConversationId));
        Assert.Equal(["no longer opted in"], await ReasonsAsync(update, "skipped"));
    }

    [Fact]
    public async Task WhenVotingClosesEveryoneSubscribedHearsTheFinalResultsOnceEvenAfterARestart()
    {
        var anna = new TeamsActivities(teams.ServiceUrl, "aad-anna", "a:personal-chat-of-anna", "personal");
        await PostAsync(anna.Message("vote"));
        await PostAsync(anna.CardAction("vote", new JObject { ["action"] = "vote", ["causeId"] = CauseId(0) }));
        var question = teams.Accepted[^1].Activity.AsCard();
        await PostAsync(anna.Click((JObject)question.Button("Yes, message me here")["data"]!));
        var others = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-fabrikam", 2);
        await subscribers.SubscribeInTeamsAsync(others, language: "fr");
        var beforeClose = teams.Accepted.Count;

        await app.Services.GetRequiredService<IVotingControls>().SaveAsync(new VotingSettings(ClosedNow: true, ClosesAt: null, HideTalliesUntilClosed: false));
        app.Services.GetRequiredService<FollowUpSignal>().Pulse();
        await Eventually.TrueAsync(async () => (await app.Services.GetRequiredService<IFollowUpQueue>().ProgressAsync(subscribers.CampaignId)).Any(p => p.Kind == FollowUpKind.VotingClosed), "the voting-closed update is added");
        var update = Assert.Single(await app.Services.GetRequiredService<IFollowUpQueue>().ProgressAsync(subscribers.CampaignId));
        var progress = await subscribers.FinishedAsync(update.UpdateId, TimeSpan.FromMinutes(1));

        Assert.Equal(3, progress.Sent);
        var sent = teams.Accepted.Skip(beforeClose).ToList();
        var toAnna = Assert.Single(sent, d => d.ConversationId == "a:personal-chat-of-anna").Activity.AsCard();
        Assert.Contains("Voting has closed", toAnna.Text());
        Assert.Contains("The final results: 1 vote in all.", toAnna.Text());
        Assert.Contains("1 vote (100%)", toAnna.Text());
        var inFrench = sent.First(d => d.ConversationId == others[0].Conversation.Id).Activity.AsCard();
        Assert.Contains("Le vote est clos", inFrench.Text());

        app.Dispose();
        app = new BotApplication(data.Path);
        subscribers = new FollowUpSubscribers(app.Services);
        app.Services.GetRequiredService<FollowUpSignal>().Pulse();
        await Task.Delay(FollowUpWorkerLook);
        Assert.Single(await app.Services.GetRequiredService<IFollowUpQueue>().ProgressAsync(subscribers.CampaignId));
        Assert.Equal(beforeClose + 3, teams.Accepted.Count);
    }

    [Fact]
    public async Task AnUpdateACampaignManagerSendsFromTheAdminAreaReachesEachSupporterInTheirLanguage()
    {
        app.Dispose();
        app = new BotApplication(data.Path, AdminRequests.Settings());
        subscribers = new FollowUpSubscribers(app.Services);
        var english = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-contoso", 2);
        var french = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-fabrikam", 1);
        var swahili = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-northwind", 1);
        await subscribers.SubscribeInTeamsAsync(english);
        await subscribers.SubscribeInTeamsAsync(french, language: "fr");
        await subscribers.SubscribeInTeamsAsync(swahili, language: "sw");
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var sent = await browser.SubmitAsync(
            "/admin/follow-ups/new",
            "/admin/follow-ups/new",
            ("title-en", "Thank you"),
            ("text-en", "We met the minister today.\n\nYour votes were on the table."),
            ("title-fr", "Merci"),
            ("text-fr", "Nous avons rencontré la ministre aujourd'hui."),
            ("audience", "all"),
            ("sendAt", ""),
            ("action", "send"));

        Assert.Equal("/admin/follow-ups?done=sent", sent.Headers.Location!.OriginalString);
        var update = Assert.Single(await app.Services.GetRequiredService<IFollowUpQueue>().ProgressAsync(subscribers.CampaignId));
        Assert.Equal(4, (await subscribers.FinishedAsync(update.UpdateId, TimeSpan.FromSeconds(30))).Sent);
        string CardTo(Microsoft.Bot.Schema.ConversationReference person) =>
            teams.Accepted.Single(a => a.ConversationId == person.Conversation.Id).Activity.AsCard().Text();
        Assert.All(english, person => Assert.Contains("We met the minister today.\nYour votes were on the table.", CardTo(person)));
        Assert.Contains("Nous avons rencontré la ministre aujourd'hui.", CardTo(french[0]));
        Assert.Contains("Vous recevez ce message parce que vous avez demandé des nouvelles.", CardTo(french[0]));
        // No Swahili words were written: the reader gets the English message, the bot's own lines in English with it (one language per card).
        Assert.Contains("We met the minister today.", CardTo(swahili[0]));
        Assert.Contains("You get this because you asked for updates.", CardTo(swahili[0]));
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await teams.DisposeAsync();
        data.Dispose();
    }

    // Long enough for the worker to have looked at least once.
    private static readonly TimeSpan FollowUpWorkerLook = TimeSpan.FromSeconds(6);

    private string CauseId(int index) => app.Services.GetRequiredService<Dialogs.Content.CurrentCampaign>().Content.Causes[index].Id;

    private async Task PostAsync(JObject activity)
    {
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    private async Task<IEnumerable<string?>> ReasonsAsync(string updateId, string status) =>
        (await new DataFolderRows(data.Path).ColumnAsync(
            "SELECT reason FROM follow_up_deliveries WHERE update_id = $id AND status = $status", ("$id", updateId), ("$status", status))).Select(r => (string?)r);
}
