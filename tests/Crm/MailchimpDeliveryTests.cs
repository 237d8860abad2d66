using System.Net;
using System.Text.Json.Nodes;
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
/// Pledges taken in the chat reach a Mailchimp audience through the real host and its CRM outbox,
/// against a stand-in of Mailchimp's Marketing API on a loopback port: the member and its tags,
/// confirmation, "stop", "forget me", throttling, failures, late answers and refusals.
/// </summary>
public sealed class MailchimpDeliveryTests : IAsyncDisposable
{
    private const string PledgeId = "not-on-my-screen";
    private const string AnnasEmail = "Anna.Lind@Example.org";
    private readonly TempFolder data = new();
    private readonly CapturedLogs logs = new();
    private readonly List<IAsyncDisposable> running = [];

    [Fact]
    public async Task APledgeArrivesAsAPendingMemberWithItsTagsAndConfirmingTheLinkSubscribesIt()
    {
        var (mailchimp, app) = await StartAsync();
        var anna = new ChannelActivities("anna", "anna-chat");
        var cause = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes[1].Id;
        await app.VoteAsync(anna, cause);

        await app.PledgeAsync(anna, "Anna", AnnasEmail);

        // The member's PUT already carries the tags; the tags call comes after it.
        await UntilAsync(() => mailchimp.Requests.Any(r => r.Path.EndsWith("/tags", StringComparison.Ordinal)), "Anna's tags are sent");
        var member = mailchimp.Member(AnnasEmail)!;
        Assert.Equal(("Anna.Lind@Example.org", "pending", "Anna", "en"), (member.Email, member.Status, member.FirstName, member.Language));
        Assert.Equal(new[] { "pledge-" + PledgeId, "voted-" + cause, "channel-emulator" }.Order(), member.Tags.Order());
        var put = JsonNode.Parse(mailchimp.Requests.First(r => r.Method == "PUT").Body)!;
        Assert.Equal("/3.0/lists/" + MailchimpStandIn.ListId + "/members/" + MailchimpStandIn.SubscriberHash("anna.lind@example.org"), mailchimp.Requests[0].Path);
        Assert.Equal("pending", (string?)put["status_if_new"]);
        Assert.Null(put["status"]);
        Assert.Equal(true, (bool?)JsonNode.Parse(mailchimp.Requests.First(r => r.Path.EndsWith("/tags", StringComparison.Ordinal)).Body)!["is_syncing"]);

        var link = ConfirmationEmails.Link(Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path)));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(link.PathAndQuery)).StatusCode);

        await UntilAsync(() => mailchimp.Member(AnnasEmail)?.Status == "subscribed", "Anna is subscribed after confirming");
        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 2, "both records delivered");
        Assert.Equal(1, mailchimp.MemberCount);
        Assert.All(mailchimp.Requests, r => Assert.InRange(r.Status, 200, 299));
        AssertNothingPersonalOrSecretLogged();
    }

    [Fact]
    public async Task WithDoubleOptInOffAPledgeIsSubscribedAtOnce()
    {
        var (mailchimp, app) = await StartAsync(("Pledges:DoubleOptIn", "false"));

        await app.PledgeAsync(new ChannelActivities("ben", "ben-chat"), "Ben", "ben@example.org");

        await UntilAsync(() => mailchimp.Member("ben@example.org")?.Tags.Count > 0, "Ben is a member with tags");
        Assert.Equal("subscribed", mailchimp.Member("ben@example.org")!.Status);
        Assert.Equal(new[] { "pledge-" + PledgeId, "channel-emulator" }.Order(), mailchimp.Member("ben@example.org")!.Tags.Order());
    }

    [Fact]
    public async Task AThrottledCallIsRepeatedAfterItsRetryAfterAndTheMemberIsAddedOnce()
    {
        var (mailchimp, app) = await StartAsync();
        mailchimp.AnswerNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));

        await app.PledgeAsync(new ChannelActivities("cleo", "cleo-chat"), "Cleo", "cleo@example.org");

        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");
        Assert.Equal([429, 200], mailchimp.Requests.Where(r => r.Method == "PUT").Select(r => r.Status));
        Assert.True(mailchimp.Requests[1].At - mailchimp.Requests[0].At >= TimeSpan.FromSeconds(0.9), "The repeat waited for Retry-After.");
        Assert.Equal(1, mailchimp.MemberCount);
        Assert.Equal((0, 0), ((await CountsAsync(app)).Failing, (await CountsAsync(app)).Dead));
    }

    [Fact]
    public async Task TwoServerErrorsInARowStillEndInOneMember()
    {
        var (mailchimp, app) = await StartAsync();
        mailchimp.AnswerNext(2, HttpStatusCode.InternalServerError);

        await app.PledgeAsync(new ChannelActivities("dan", "dan-chat"), "Dan", "dan@example.org");

        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");
        Assert.Equal([500, 500, 200], mailchimp.Requests.Where(r => r.Method == "PUT").Select(r => r.Status));
        Assert.Equal(1, mailchimp.MemberCount);
        Assert.NotEmpty(mailchimp.Member("dan@example.org")!.Tags);
    }

    [Fact]
    public async Task ACallAnsweredLaterThanTheTimeoutIsMadeAgainAndTheMemberIsStillOne()
    {
        var (mailchimp, app) = await StartAsync(("Crm:CallTimeoutSeconds", "1"));
        mailchimp.HangNext(1, TimeSpan.FromSeconds(20));

        await app.PledgeAsync(new ChannelActivities("eve", "eve-chat"), "Eve", "eve@example.org");

        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");
        Assert.True(mailchimp.Requests.Count(r => r.Method == "PUT") >= 2, "The PUT that got no answer in time was made again.");
        Assert.Equal(1, mailchimp.MemberCount);
        Assert.Equal("pending", mailchimp.Member("eve@example.org")!.Status);
    }

    [Fact]
    public async Task StopReachesMailchimpAsUnsubscribed()
    {
        var (mailchimp, app) = await StartAsync(("Pledges:DoubleOptIn", "false"));
        var fay = new ChannelActivities("fay", "fay-chat");
        await app.PledgeAsync(fay, "Fay", "fay@example.org");
        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");

        await app.ExpectRepliesAsync(fay.Message("stop"));

        await UntilAsync(() => mailchimp.Member("fay@example.org")?.Status == "unsubscribed", "Fay unsubscribed in Mailchimp");
        var put = JsonNode.Parse(mailchimp.Requests.Last(r => r.Method == "PUT").Body)!;
        Assert.Equal(("unsubscribed", "unsubscribed"), ((string?)put["status"], (string?)put["status_if_new"]));
        Assert.Equal(1, mailchimp.MemberCount);
    }

    [Fact]
    public async Task ForgetMeDeletesTheMemberPermanently()
    {
        var (mailchimp, app) = await StartAsync();
        var gus = new ChannelActivities("gus", "gus-chat");
        await app.PledgeAsync(gus, "Gus", "gus@example.org");
        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");

        await ForgetMeAsync(app, gus);

        await UntilAsync(() => mailchimp.IsForgotten("gus@example.org"), "Gus permanently deleted in Mailchimp");
        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 2, "the erasure delivered");
        Assert.Equal(0, mailchimp.MemberCount);
        Assert.EndsWith("/members/" + MailchimpStandIn.SubscriberHash("gus@example.org") + "/actions/delete-permanent", mailchimp.Requests[^1].Path);
        AssertNothingPersonalOrSecretLogged("gus@example.org", "Gus");
    }

    [Fact]
    public async Task ForgetMeForAMemberAlreadyDeletedInMailchimpCountsAsDone()
    {
        var (mailchimp, app) = await StartAsync();
        var ivy = new ChannelActivities("ivy", "ivy-chat");
        await app.PledgeAsync(ivy, "Ivy", "ivy@example.org");
        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");
        mailchimp.DeletePermanentlyInMailchimp("ivy@example.org");

        await ForgetMeAsync(app, ivy);

        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 2, "the erasure delivered");
        Assert.Equal((404, 0L), (mailchimp.Requests[^1].Status, (await CountsAsync(app)).Dead));
    }

    [Fact]
    public async Task WithArchiveForgetMeArchivesTheMember()
    {
        var (mailchimp, app) = await StartAsync(("Crm:Mailchimp:OnErasure", "Archive"));
        var hal = new ChannelActivities("hal", "hal-chat");
        await app.PledgeAsync(hal, "Hal", "hal@example.org");
        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");

        await ForgetMeAsync(app, hal);

        await UntilAsync(() => mailchimp.Member("hal@example.org")?.Status == "archived", "Hal archived in Mailchimp");
        Assert.Equal("DELETE", mailchimp.Requests[^1].Method);
        Assert.False(mailchimp.IsForgotten("hal@example.org"));
    }

    [Fact]
    public async Task APersonWhoUnsubscribedInMailchimpIsNotSubscribedAgainAndTheConfirmationIsDeadLetteredWithMailchimpsReason()
    {
        var (mailchimp, app) = await StartAsync();
        await app.PledgeAsync(new ChannelActivities("anna", "anna-chat"), "Anna", AnnasEmail);
        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 1, "the pledge delivered");
        mailchimp.UnsubscribeInMailchimp(AnnasEmail);

        var link = ConfirmationEmails.Link(Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path)));
        await app.CreateClient().GetAsync(link.PathAndQuery);

        await UntilAsync(async () => (await CountsAsync(app)).Dead == 1, "the confirmation dead-lettered");
        var counts = await CountsAsync(app);
        Assert.Equal((400, "Member In Compliance State"), (counts.LastError!.Status, counts.LastError.Reason));
        Assert.Equal("unsubscribed", mailchimp.Member(AnnasEmail)!.Status);
        Assert.Single(mailchimp.Requests, r => r.Status == 400);
        AssertNothingPersonalOrSecretLogged();
    }

    [Fact]
    public async Task AnErrorTitleThatIsNotAPlainPhraseIsNotKeptOnlyTheStatusName()
    {
        var (mailchimp, app) = await StartAsync();
        mailchimp.AnswerNext(1, HttpStatusCode.BadRequest, title: "ida@example.org looks fake");

        await app.PledgeAsync(new ChannelActivities("ida", "ida-chat"), "Ida", "ida@example.org");

        await UntilAsync(async () => (await CountsAsync(app)).Dead == 1, "the pledge dead-lettered");
        var error = (await CountsAsync(app)).LastError!;
        Assert.Equal((400, "Bad Request"), (error.Status, error.Reason));
        Assert.Equal(0, mailchimp.MemberCount);
        AssertNothingPersonalOrSecretLogged("ida@example.org", "Ida");
    }

    [Fact]
    public async Task AWrongApiKeyIsTriedAgainLaterNotDeadLettered()
    {
        var (mailchimp, app) = await StartAsync(("Crm:Mailchimp:ApiKey", "an-old-key-that-was-revoked-us21"));

        await app.PledgeAsync(new ChannelActivities("jo", "jo-chat"), "Jo", "jo@example.org");

        await UntilAsync(async () => (await CountsAsync(app)).Failing == 1, "the pledge failed once");
        var counts = await CountsAsync(app);
        Assert.Equal((0, 401, "API Key Invalid"), (counts.Dead, counts.LastError!.Status, counts.LastError.Reason));
        Assert.Equal(0, mailchimp.MemberCount);
        Assert.DoesNotContain(logs.Entries, e => e.Contains("an-old-key-that-was-revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PledgesWaitingForAMailchimpConfiguredLaterAreDeliveredAtMostMaxInFlightAtOnce()
    {
        await using (var before = new BotApplication(data.Path, new Dictionary<string, string?> { ["Pledges:DoubleOptIn"] = "false" }))
        {
            for (var i = 0; i < 8; i++)
            {
                await before.PledgeAsync(new ChannelActivities($"person-{i}", $"chat-{i}"), "Kim", $"kim{i}@example.org");
            }
        }

        var (mailchimp, app) = await StartAsync(("Pledges:DoubleOptIn", "false"), ("Crm:Mailchimp:MaxInFlight", "2"));
        mailchimp.AnswerDelay = TimeSpan.FromMilliseconds(100);

        await UntilAsync(async () => (await CountsAsync(app)).Delivered == 8, "every waiting pledge delivered");
        Assert.Equal(8, mailchimp.MemberCount);
        Assert.InRange(mailchimp.MostInFlight, 1, 2);
    }

    [Theory]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0", MailchimpStandIn.ListId, null, null, "Crm:Mailchimp:ApiKey must end in its data centre")]
    [InlineData(MailchimpStandIn.ApiKey, null, null, null, "Crm:Mailchimp:ListId is required with Crm:Mailchimp:ApiKey")]
    [InlineData(null, MailchimpStandIn.ListId, null, null, "Crm:Mailchimp:ApiKey is required with Crm:Mailchimp:ListId")]
    [InlineData(MailchimpStandIn.ApiKey, "a1b2/../x", null, null, "Crm:Mailchimp:ListId must be the audience ID")]
    [InlineData(MailchimpStandIn.ApiKey, MailchimpStandIn.ListId, "mailchimp.example", null, "Crm:Mailchimp:BaseUrl must be an absolute http or https URL")]
    [InlineData(MailchimpStandIn.ApiKey, MailchimpStandIn.ListId, null, "11", "Crm:Mailchimp:MaxInFlight must be 1 to 10")]
    public void AWrongSettingStopsTheStartWithItsName(string? apiKey, string? listId, string? baseUrl, string? maxInFlight, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Crm:Mailchimp:ApiKey"] = apiKey,
            ["Crm:Mailchimp:ListId"] = listId,
            ["Crm:Mailchimp:BaseUrl"] = baseUrl,
            ["Crm:Mailchimp:MaxInFlight"] = maxInFlight,
        };
        using var app = new BotApplication(data.Path, settings.Where(s => s.Value is not null).ToDictionary());

        var problem = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(message, problem.ToString());
        Assert.DoesNotContain(MailchimpStandIn.ApiKey, problem.ToString());
    }

    [Theory]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0-us21", null, "https://us21.api.mailchimp.com/3.0/")]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0-US7", null, "https://us7.api.mailchimp.com/3.0/")]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0-us21", "http://127.0.0.1:5000/3.0", "http://127.0.0.1:5000/3.0/")]
    public void TheApiAddressComesFromTheKeysDataCentreUnlessBaseUrlIsSet(string apiKey, string? baseUrl, string expected) =>
        Assert.Equal(new Uri(expected), new MailchimpOptions { ApiKey = apiKey, ListId = MailchimpStandIn.ListId, BaseUrl = baseUrl }.ApiBase);

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(running))
        {
            await item.DisposeAsync();
        }

        data.Dispose();
    }

    private async Task<(MailchimpStandIn Mailchimp, BotApplication App)> StartAsync(params (string Key, string? Value)[] settings)
    {
        var mailchimp = await MailchimpStandIn.StartAsync();
        running.Add(mailchimp);
        var app = new BotApplication(data.Path, mailchimp.Settings(settings), services => services.AddSingleton<ILoggerProvider>(logs));
        running.Add(app);
        return (mailchimp, app);
    }

    private static Task<CrmDeliveryCounts> CountsAsync(BotApplication app) =>
        app.Services.GetRequiredService<ICrmDeliveries>().CountAsync(MailchimpDestination.DestinationName);

    private static async Task ForgetMeAsync(BotApplication app, ChannelActivities person)
    {
        var question = (await app.ExpectRepliesAsync(person.Message("forget me")))[^1].AsCard();
        var done = (await app.ExpectRepliesAsync(person.Click((JObject)question.Button("Yes, forget me")["data"]!)))[^1].AsCard();
        Assert.Contains("Erased", done.Text());
    }

    private void AssertNothingPersonalOrSecretLogged(params string[] personal)
    {
        Assert.NotEmpty(logs.Entries);
        foreach (var secret in personal.Concat([MailchimpStandIn.ApiKey, MailchimpStandIn.ApiKey.Split('-')[0], AnnasEmail, AnnasEmail.ToLowerInvariant(), "Anna", "Lind"]))
        {
            Assert.DoesNotContain(logs.Entries, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>
    /// <see cref="Eventually"/>, given up to three of its rounds: Polly's quick retries wait
    /// seconds with jitter, and a pledge goes through five chat turns before its delivery starts.
    /// </summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                await Eventually.TrueAsync(condition, what);
                return;
            }
            catch (Xunit.Sdk.XunitException) when (round < 3)
            {
            }
        }
    }
}
