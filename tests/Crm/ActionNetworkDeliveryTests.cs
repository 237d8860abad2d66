using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PledgeBot.Crm;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Crm;

/// <summary>
/// Pledges, withdrawals and erasures reaching Action Network: the real host delivers its outbox
/// over real sockets to a stand-in shaped after Action Network's documented API.
/// </summary>
public sealed class ActionNetworkDeliveryTests : IAsyncDisposable
{
    private const string PledgeId = "not-on-my-screen";
    private const string PetitionId = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
    private const string PledgeTag = "pledge-" + PledgeId;

    private readonly TempFolder data = new();
    private readonly CapturedLogs logs = new();
    private readonly List<IAsyncDisposable> running = [];

    [Fact]
    public async Task WithDoubleOptInNothingReachesActionNetworkUntilTheLinkIsConfirmedThenOneSignatureWithEveryField()
    {
        var actionNetwork = await StartActionNetworkAsync(existingTags: [PledgeTag]);
        var app = StartBot(actionNetwork, ("Crm:ActionNetwork:PetitionId", PetitionId));
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var cause = content.Causes[1].Id;
        var referralCode = await ShareLinkCodeAsync(app);
        var zoe = new ChannelActivities("zoe", "zoes-chat", "directline");
        var join = zoe.Message("");
        join["type"] = "event";
        join["name"] = "webchat/join";
        join["value"] = new JObject { ["referral"] = referralCode };
        await app.ExpectRepliesAsync(join);
        await app.VoteAsync(zoe, cause);

        await app.PledgeAsync(zoe, "Zoë", "Zoe@Example.org");

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Skipped == 1, "the unconfirmed pledge waits");
        Assert.Empty(actionNetwork.Requests);
        Assert.Equal("awaiting email confirmation", await LastReasonAsync(app));

        await ConfirmByEmailAsync(app);

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 1, "the confirmed pledge is delivered");
        var request = Assert.Single(actionNetwork.Requests);
        Assert.Equal($"/api/v2/petitions/{PetitionId}/signatures/", request.Path);
        var person = Assert.Single(actionNetwork.People);
        var record = Assert.Single(person.Identifiers);
        Assert.StartsWith("pledgebot:", record);
        Assert.Equal("Zoë", person.GivenName);
        Assert.Equal("zoe@example.org", person.Email);
        Assert.Equal("subscribed", person.Status);
        Assert.Equal(["en"], person.Languages);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["pledge_id"] = PledgeId,
                ["campaign_id"] = content.Id,
                ["channel"] = "directline",
                ["referral_code"] = referralCode,
                ["cause_voted_for"] = cause,
            },
            person.CustomFields);
        // "voted-..." was sent too, but Action Network adds only tags that exist there.
        Assert.Equal([PledgeTag], person.Tags);
        var signature = Assert.Single(actionNetwork.Signatures);
        Assert.Equal(person.Id, signature.PersonId);
        Assert.Equal(PetitionId, signature.PetitionId);
        Assert.Equal([record], signature.Identifiers);
        Assert.Equal("directline", signature.ReferrerSource);
        Assert.Equal(0, actionNetwork.AutoresponsesSent);
    }

    [Fact]
    public async Task WithDoubleOptInOffAPledgeIsAPersonAtOnceAndWithoutAPetitionNoSignature()
    {
        var actionNetwork = await StartActionNetworkAsync();
        var app = StartBot(actionNetwork, ("Pledges:DoubleOptIn", "false"));

        await app.PledgeAsync(new ChannelActivities("ida", "ida-chat"), "Ida", "ida@example.org");

        await Eventually.TrueAsync(() => Task.FromResult(actionNetwork.People.Count == 1), "the pledge reaches Action Network");
        var person = Assert.Single(actionNetwork.People);
        Assert.Equal("Ida", person.GivenName);
        Assert.Equal("subscribed", person.Status);
        Assert.Equal("emulator", person.CustomFields["channel"]);
        Assert.Equal("emulator", person.ReferrerSource);
        Assert.False(person.CustomFields.ContainsKey("referral_code"));
        Assert.False(person.CustomFields.ContainsKey("cause_voted_for"));
        Assert.Equal("/api/v2/people/", Assert.Single(actionNetwork.Requests).Path);
        Assert.Empty(actionNetwork.Signatures);
    }

    [Fact]
    public async Task AThrottledCallIsMadeAgainAfterItsRetryAfterAndThePersonArrivesOnce()
    {
        var actionNetwork = await StartActionNetworkAsync(petitionIds: [PetitionId]);
        actionNetwork.AnswerNext(1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);
        var app = StartBot(actionNetwork, ("Pledges:DoubleOptIn", "false"), ("Crm:ActionNetwork:PetitionId", PetitionId));

        await app.PledgeAsync(new ChannelActivities("ann", "ann-chat"), "Ann", "ann@example.org");

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge is delivered");
        Assert.Equal(2, actionNetwork.Requests.Count);
        Assert.True(actionNetwork.Requests[1].At - actionNetwork.Requests[0].At >= TimeSpan.FromSeconds(0.9), "The second call waited for Retry-After.");
        Assert.Single(actionNetwork.People);
        Assert.Single(actionNetwork.Signatures);
    }

    [Fact]
    public async Task TwoServerErrorsAreRetriedAndTheThirdCallDelivers()
    {
        var actionNetwork = await StartActionNetworkAsync(petitionIds: [PetitionId]);
        actionNetwork.AnswerNext(2, HttpStatusCode.InternalServerError);
        var app = StartBot(actionNetwork, ("Pledges:DoubleOptIn", "false"), ("Crm:ActionNetwork:PetitionId", PetitionId));

        await app.PledgeAsync(new ChannelActivities("bo", "bo-chat"), "Bo", "bo@example.org");

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge is delivered");
        Assert.Equal(3, actionNetwork.Requests.Count);
        Assert.Single(actionNetwork.People);
        Assert.Single(actionNetwork.Signatures);
        Assert.Null((await CountsAsync(app)).LastError);
    }

    [Fact]
    public async Task ACallThatTookEffectButNeverAnsweredIsMadeAgainWithoutASecondPersonSignatureOrAutoresponse()
    {
        var actionNetwork = await StartActionNetworkAsync(petitionIds: [PetitionId]);
        actionNetwork.HangNext(1);
        var app = StartBot(
            actionNetwork, ("Pledges:DoubleOptIn", "false"), ("Crm:ActionNetwork:PetitionId", PetitionId), ("Crm:CallTimeoutSeconds", "1"));

        await app.PledgeAsync(new ChannelActivities("cy", "cy-chat"), "Cy", "cy@example.org");

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge is delivered");
        Assert.Equal(2, actionNetwork.Requests.Count);
        Assert.Single(actionNetwork.People);
        Assert.Single(actionNetwork.Signatures);
        Assert.Equal(0, actionNetwork.AutoresponsesSent);
    }

    [Fact]
    public async Task TwelvePledgesWaitingAtOnceNeverSendMoreThanFourRequestsInAnyOneSecond()
    {
        // The pledges are taken before Action Network is configured, so all twelve are due at once.
        var before = StartBot(actionNetwork: null, ("Pledges:DoubleOptIn", "false"));
        for (var i = 0; i < 12; i++)
        {
            await before.PledgeAsync(new ChannelActivities($"p{i}", $"p{i}-chat"), $"Person{i}", $"person{i}@example.org");
        }

        await before.DisposeAsync();
        running.Remove(before);
        var actionNetwork = await StartActionNetworkAsync(petitionIds: [PetitionId]);

        var app = StartBot(actionNetwork, ("Pledges:DoubleOptIn", "false"), ("Crm:ActionNetwork:PetitionId", PetitionId));

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 12, "every pledge is delivered");
        Assert.Equal(12, actionNetwork.Requests.Count);
        Assert.Equal(0, actionNetwork.RefusedAsTooFast);
        Assert.InRange(actionNetwork.MostRequestsInAnyOneSecond(), 1, 4);
        Assert.Equal(12, actionNetwork.Signatures.Count);
    }

    [Fact]
    public async Task StopUnsubscribesThePersonInActionNetwork()
    {
        var actionNetwork = await StartActionNetworkAsync();
        var app = StartBot(actionNetwork, ("Pledges:DoubleOptIn", "false"));
        var dee = new ChannelActivities("dee", "dee-chat");
        await app.PledgeAsync(dee, "Dee", "dee@example.org");
        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge is delivered");

        await app.ExpectRepliesAsync(dee.Message("stop"));

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 2, "the withdrawal is delivered");
        var person = Assert.Single(actionNetwork.People);
        Assert.Equal("unsubscribed", person.Status);
        Assert.Equal(PledgeId, person.CustomFields["pledge_id"]);
        Assert.Equal(["/api/v2/people/", "/api/v2/people/"], actionNetwork.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ForgetMeUnsubscribesThePersonAndBlanksThePledgeFieldsWhichActionNetworkKeepsUntilDeletedThere()
    {
        var actionNetwork = await StartActionNetworkAsync();
        var app = StartBot(actionNetwork, ("Pledges:DoubleOptIn", "false"));
        var eve = new ChannelActivities("eve", "eve-chat");
        await app.PledgeAsync(eve, "Eve", "eve@example.org");
        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge is delivered");

        var asked = DateOnly.FromDateTime(DateTime.UtcNow);
        await ForgetMeAsync(app, eve);

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 2, "the erasure is delivered");
        var person = Assert.Single(actionNetwork.People);
        Assert.Equal("unsubscribed", person.Status);
        var fields = person.CustomFields.ToDictionary();
        Assert.InRange(DateOnly.ParseExact(fields["erasure_requested_on"], "yyyy-MM-dd"), asked, DateOnly.FromDateTime(DateTime.UtcNow));
        fields.Remove("erasure_requested_on");
        Assert.Equal(
            new Dictionary<string, string> { ["pledge_id"] = "", ["campaign_id"] = "", ["channel"] = "", ["referral_code"] = "", ["cause_voted_for"] = "" },
            fields);
        // What the API cannot take away: Action Network keeps the person until deleted there.
        Assert.Equal("Eve", person.GivenName);
        Assert.Contains(logs.Entries, e => e.Contains("Action Network keeps the person until deleted in Action Network itself", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownPetitionIsDeadLetteredAtOnceWithTheStatusNameNotActionNetworksText()
    {
        var actionNetwork = await StartActionNetworkAsync(petitionIds: []);
        var app = StartBot(actionNetwork, ("Pledges:DoubleOptIn", "false"), ("Crm:ActionNetwork:PetitionId", PetitionId));

        await app.PledgeAsync(new ChannelActivities("fin", "fin-chat"), "Fin", "fin@example.org");

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Dead == 1, "the delivery is dead-lettered");
        var error = (await CountsAsync(app)).LastError!;
        Assert.Equal(404, error.Status);
        Assert.Equal("Not Found", error.Reason);
        Assert.Single(actionNetwork.Requests);
    }

    [Fact]
    public async Task NeitherTheApiKeyNorANameNorAnEmailAppearsInTheLogs()
    {
        var actionNetwork = await StartActionNetworkAsync(petitionIds: [PetitionId]);
        actionNetwork.AnswerNext(1, HttpStatusCode.InternalServerError);
        actionNetwork.AnswerNext(1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);
        var app = StartBot(actionNetwork, ("Crm:ActionNetwork:PetitionId", PetitionId));
        var gil = new ChannelActivities("gil", "gil-chat");
        await app.PledgeAsync(gil, "Gilberto", "gilberto@example.org");
        await ConfirmByEmailAsync(app);
        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 1, "the confirmed pledge is delivered");
        await app.ExpectRepliesAsync(gil.Message("stop"));
        // Before the erasure: a withdrawal still waiting when the pledge is erased is not sent at all (the erasure says more).
        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 2, "the withdrawal is delivered");
        await ForgetMeAsync(app, gil);

        await Eventually.TrueAsync(async () => (await CountsAsync(app)).Delivered == 3, "the erasure is delivered");

        Assert.Equal("unsubscribed", Assert.Single(actionNetwork.People).Status);
        Assert.Contains(logs.Entries, e => e.Contains("action-network", StringComparison.Ordinal));
        foreach (var secret in new[] { ActionNetworkStandIn.ApiKey, "Gilberto", "gilberto@example.org", "someone@example.org" })
        {
            Assert.DoesNotContain(logs.Entries, e => e.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("Crm:ActionNetwork:BaseUrl", "actionnetwork.org/api/v2/", "Crm:ActionNetwork:BaseUrl must be an absolute http or https URL")]
    [InlineData("Crm:ActionNetwork:BaseUrl", "ftp://actionnetwork.org/api/v2/", "Crm:ActionNetwork:BaseUrl must be an absolute http or https URL")]
    [InlineData("Crm:ActionNetwork:PetitionId", "../people", "Crm:ActionNetwork:PetitionId must be the petition's id")]
    [InlineData("Crm:ActionNetwork:RequestsPerSecond", "0", "RequestsPerSecond")]
    [InlineData("Crm:ActionNetwork:MaxInFlight", "17", "MaxInFlight")]
    public void AWrongSettingStopsTheStartWithItsName(string setting, string value, string message)
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?>
        {
            ["Crm:ActionNetwork:ApiKey"] = "some-key",
            [setting] = value,
        });

        var problem = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(message, problem.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(running))
        {
            await item.DisposeAsync();
        }

        data.Dispose();
    }

    private async Task<ActionNetworkStandIn> StartActionNetworkAsync(IEnumerable<string>? existingTags = null, IEnumerable<string>? petitionIds = null)
    {
        var standIn = await ActionNetworkStandIn.StartAsync(existingTags, petitionIds ?? [PetitionId]);
        running.Add(standIn);
        return standIn;
    }

    /// <summary>The real host with Action Network configured (unless null) and its logs captured.</summary>
    private BotApplication StartBot(ActionNetworkStandIn? actionNetwork, params (string Key, string? Value)[] settings)
    {
        var all = settings.ToDictionary(s => s.Key, s => s.Value);
        if (actionNetwork is not null)
        {
            all["Crm:ActionNetwork:ApiKey"] = ActionNetworkStandIn.ApiKey;
            all["Crm:ActionNetwork:BaseUrl"] = actionNetwork.BaseUrl;
        }

        var app = new BotApplication(data.Path, all, services => services.AddSingleton<ILoggerProvider>(logs));
        running.Add(app);
        _ = app.Server;
        return app;
    }

    /// <summary>Someone else's share link, whose code then brings the supporter.</summary>
    private static async Task<string> ShareLinkCodeAsync(BotApplication app)
    {
        var sharer = new ChannelActivities("sharer", "sharers-chat", "directline");
        var story = (await app.ExpectRepliesAsync(sharer.Message("stories"))).Last().AsCard();
        var share = (await app.ExpectRepliesAsync(sharer.Click((JObject)story.Button("Share")["data"]!))).First().AsCard();
        var link = new Uri(share.Descendants().OfType<JObject>().Single(e => e.Value<string>("id") == "shareLink").Value<string>("value")!);
        return System.Web.HttpUtility.ParseQueryString(link.Query)["r"]!;
    }

    /// <summary>Opens the link of the (only) confirmation email, as the supporter does.</summary>
    private async Task ConfirmByEmailAsync(BotApplication app)
    {
        var email = Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path));
        var confirmed = await app.CreateClient().GetAsync(ConfirmationEmails.Link(email).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    private static async Task ForgetMeAsync(BotApplication app, ChannelActivities person)
    {
        var question = (await app.ExpectRepliesAsync(person.Message("forget me")))[^1].AsCard();
        var done = (await app.ExpectRepliesAsync(person.Click((JObject)question.Button("Yes, forget me")["data"]!)))[^1].AsCard();
        Assert.Contains("Erased", done.Text());
    }

    private static Task<CrmDeliveryCounts> CountsAsync(BotApplication app) =>
        app.Services.GetRequiredService<ICrmDeliveries>().CountAsync(ActionNetworkDestination.DestinationName);

    private static async Task<string?> LastReasonAsync(BotApplication app)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_reason FROM crm_deliveries WHERE destination = 'action-network'";
        return (string?)await command.ExecuteScalarAsync();
    }
}
