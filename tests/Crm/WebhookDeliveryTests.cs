using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;
using StandardWebhooks;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Crm;

/// <summary>
/// Signed webhooks through the real host: pledges taken in the chat reach a receiver that verifies
/// every signature with the StandardWebhooks package, through throttling, server errors and
/// silence, each event once from the receiver's side.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncDisposable
{
    private readonly TempFolder data = new();
    private readonly CapturedLogs logs = new();
    private WebhookReceiverStandIn? receiver;
    private BotApplication? app;

    [Fact]
    public async Task APledgeArrivesSignedWithEveryFieldTheReadmeNames()
    {
        var http = await StartAsync();

        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");

        var created = Assert.Single(await receiver!.WaitForEventsAsync(1));
        Assert.Equal("pledge.created", created.Type);
        Assert.StartsWith("msg_", created.Id);
        var data = created.Data;
        Assert.StartsWith("pledgebot:", (string)data["supporter_id"]!);
        Assert.Equal("stand-with-them", (string)data["campaign_id"]!);
        Assert.Equal("not-on-my-screen", (string)data["pledge_id"]!);
        Assert.Equal("Anna", (string)data["first_name"]!);
        Assert.Equal("anna@example.org", (string)data["email"]!);
        Assert.Equal("en-GB", (string)data["language"]!);
        Assert.Equal("emulator", (string)data["channel"]!);
        Assert.Equal(1, (int)data["consent_statement_version"]!);
        Assert.Equal("en", (string)data["consent_statement_language"]!);
        Assert.False((bool)data["email_confirmed"]!);
        Assert.NotNull(data["consented_at"]);
        Assert.All(receiver.Calls, call => Assert.True(call.Verified));
        var call = Assert.Single(receiver.Calls);
        Assert.InRange(long.Parse(call.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        // Marked delivered once the receiver's answer is in, a moment after the receiver has the event.
        await Eventually.TrueAsync(async () => await CountsAsync() == new CrmDeliveryCounts(1, 0, 0, 0, 0, null), "the delivery is marked delivered");
    }

    [Fact]
    public async Task ATamperedBodyOrAForeignSecretIsRejectedByTheReceiver()
    {
        var http = await StartAsync();
        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");
        await receiver!.WaitForEventsAsync(1);
        var genuine = Assert.Single(receiver.Calls);

        var tampered = genuine.Body.Replace("anna@example.org", "mallory@example.org", StringComparison.Ordinal);
        Assert.True(receiver.Verifies(genuine.Body, genuine.Headers()));
        Assert.False(receiver.Verifies(tampered, genuine.Headers()));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(
            () => new StandardWebhook(WebhookReceiverStandIn.NewSecret()).Verify(genuine.Body, genuine.Headers()));

        // Posted to the receiver as an attacker would replay it, with the genuine headers.
        using var replay = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new StringContent(tampered, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", "msg_forged");
        request.Headers.Add("webhook-timestamp", genuine.Timestamp);
        request.Headers.Add("webhook-signature", genuine.Signature);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.SendAsync(request)).StatusCode);
        Assert.Single(receiver.Events);
    }

    [Fact]
    public async Task ThrottlingWithRetryAfterIsWaitedOutAndTheEventArrivesOnce()
    {
        var http = await StartAsync();
        receiver!.FailNext(429, retryAfterSeconds: 1);

        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");

        var created = Assert.Single(await receiver.WaitForEventsAsync(1));
        await Eventually.TrueAsync(async () => (await CountsAsync()).Delivered == 1, "the delivery is recorded");
        var calls = receiver.Calls;
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal(created.Id, call.Id));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), "the retry waited for Retry-After");
    }

    [Fact]
    public async Task ServerErrorsAndSilenceAreRetriedWithTheSameIdAndTheEventIsTakenOnce()
    {
        var http = await StartAsync(new() { ["Crm:CallTimeoutSeconds"] = "1" });
        receiver!.FailNext(500);
        receiver.HangNext();

        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");

        var created = Assert.Single(await receiver.WaitForEventsAsync(1));
        await Eventually.TrueAsync(async () => (await CountsAsync()).Delivered == 1, "the delivery is recorded");
        Assert.Equal(3, receiver.Calls.Count);
        Assert.All(receiver.Calls, call => Assert.Equal(created.Id, call.Id));
        Assert.All(receiver.Calls, call => Assert.True(call.Verified));
    }

    [Fact]
    public async Task AnAttemptThatStillFailsIsTriedLaterAndDeadLetteredAfterTheLastAttemptWithoutPersonalData()
    {
        var http = await StartAsync(new() { ["Crm:MaxAttempts"] = "1" });
        for (var i = 0; i < 3; i++)
        {
            receiver!.FailNext(503);
        }

        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");

        await Eventually.TrueAsync(async () => (await CountsAsync()).Dead == 1, "the delivery is dead-lettered");
        var counts = await CountsAsync();
        Assert.Equal(503, counts.LastError!.Status);
        Assert.Equal("Service Unavailable", counts.LastError.Reason);
        Assert.Empty(receiver!.Events);
        Assert.Contains(logs.Entries, e => e.Contains("dead-lettered", StringComparison.Ordinal) && e.Contains("503", StringComparison.Ordinal));
        AssertNothingPersonalLogged("Anna", "anna@example.org");
    }

    [Fact]
    public async Task ConfirmationStopAndForgetMeEachReachTheReceiverInOrder()
    {
        var http = await StartAsync();
        var anna = new ChannelActivities("anna", "anna-chat");
        await TakePledgeAsync(http, anna, "Anna", "anna@example.org");
        var email = Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path));
        await receiver!.WaitForEventsAsync(1);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ConfirmationEmails.Link(email).PathAndQuery)).StatusCode);
        var confirmed = Assert.Single(await receiver.WaitForEventsAsync(1, "pledge.confirmed"));
        await SayAsync(http, anna, "stop");
        var withdrawn = Assert.Single(await receiver.WaitForEventsAsync(1, "supporter.contact_withdrawn"));
        await ForgetMeAsync(http, anna);
        var erased = Assert.Single(await receiver.WaitForEventsAsync(1, "supporter.erased"));

        Assert.Equal(["pledge.created", "pledge.confirmed", "supporter.contact_withdrawn", "supporter.erased"], receiver.Events.Select(e => e.Type));
        // Each matches its published schema, which allows no field it does not document.
        Assert.All(receiver.Calls, call => Assert.Empty(WebhookSchemas.Errors(call.Body)));
        var supporterId = (string)receiver.Events[0].Data["supporter_id"]!;
        Assert.All(receiver.Events, e => Assert.Equal(supporterId, (string)e.Data["supporter_id"]!));
        Assert.True((bool)confirmed.Data["email_confirmed"]!);
        Assert.NotNull(confirmed.Data["confirmed_at"]);
        Assert.Equal("anna@example.org", (string)withdrawn.Data["email"]!);
        Assert.NotNull(withdrawn.Data["withdrawn_at"]);
        Assert.Equal("anna@example.org", (string)erased.Data["email"]!);
        Assert.Null(erased.Data["first_name"]);
        // Once told, the erasure's email is gone from the database too.
        await Eventually.TrueAsync(async () => await RowsAsync("SELECT count(*) FROM crm_outbox WHERE subject_email IS NOT NULL") == 0, "the erased email is cleared");
        AssertNothingPersonalLogged("Anna", "anna@example.org");
    }

    [Fact]
    public async Task APledgeWithdrawnAfterAFailedAttemptIsNotSentAgainButItsWithdrawalIsInCaseTheAttemptLanded()
    {
        var http = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            receiver!.FailNext(503);
        }

        var anna = new ChannelActivities("anna", "anna-chat");
        await TakePledgeAsync(http, anna, "Anna", "anna@example.org");
        await Eventually.TrueAsync(async () => (await CountsAsync()).Failing == 1, "the first attempt failed");
        await SayAsync(http, anna, "stop");

        // The failed delivery is due again only later: made due now.
        await MakeEverythingDueAsync();

        await Eventually.TrueAsync(async () => (await CountsAsync()) is { Skipped: 1, Delivered: 1 }, "the pledge is skipped and the withdrawal delivered");
        Assert.Equal("supporter.contact_withdrawn", Assert.Single(receiver!.Events).Type);
    }

    [Fact]
    public async Task ACrmConfiguredLaterReceivesThePledgesStoredBeforeButNothingOfThoseWithdrawnOrErased()
    {
        app = new BotApplication(data.Path);
        var http = app.CreateClient();
        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");
        var ben = new ChannelActivities("ben", "ben-chat");
        await TakePledgeAsync(http, ben, "Ben", "ben@example.org");
        await SayAsync(http, ben, "stop");
        var cleo = new ChannelActivities("cleo", "cleo-chat");
        await TakePledgeAsync(http, cleo, "Cleo", "cleo@example.org");
        await ForgetMeAsync(http, cleo);
        await app.DisposeAsync();

        http = await StartAsync();

        var created = Assert.Single(await receiver!.WaitForEventsAsync(1));
        Assert.Equal("anna@example.org", (string)created.Data["email"]!);
        await Eventually.TrueAsync(async () => (await CountsAsync()) is { Delivered: 1, Skipped: 4, Pending: 0 }, "everything else is skipped");
        Assert.Single(receiver.Calls);
    }

    [Fact]
    public async Task WithNoCrmConfiguredAnErasureKeepsNoEmailForLong()
    {
        app = new BotApplication(data.Path, testServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var http = app.CreateClient();
        var anna = new ChannelActivities("anna", "anna-chat");
        await TakePledgeAsync(http, anna, "Anna", "anna@example.org");

        await ForgetMeAsync(http, anna);

        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM crm_outbox WHERE event = 'supporter.erased'"));
        await Eventually.TrueAsync(async () => await RowsAsync("SELECT count(*) FROM crm_outbox WHERE subject_email IS NOT NULL") == 0, "the erased email is cleared");
    }

    [Fact]
    public async Task ASecretWrittenWithoutItsWhsecPrefixSignsTheSame()
    {
        var http = await StartAsync();
        await app!.DisposeAsync();
        var settings = receiver!.Settings();
        settings["Crm:Webhook:Secret"] = receiver.Secret["whsec_".Length..];
        app = new BotApplication(data.Path, settings);
        http = app.CreateClient();

        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");

        Assert.Single(await receiver.WaitForEventsAsync(1));
        Assert.All(receiver.Calls, call => Assert.True(call.Verified));
    }

    [Fact]
    public async Task AWrongSecretOrUrlStopsTheStartWithAMessageNamingTheSetting()
    {
        await using var wrongSecret = new BotApplication(data.Path, new Dictionary<string, string?>
        {
            ["Crm:Webhook:Url"] = "https://crm.example.org/hooks",
            ["Crm:Webhook:Secret"] = "not-a-secret",
        });
        var secretProblem = Assert.ThrowsAny<Exception>(() => wrongSecret.CreateClient());
        Assert.Contains("Crm:Webhook:Secret", secretProblem.ToString());
        Assert.DoesNotContain("not-a-secret", secretProblem.Message);

        await using var wrongUrl = new BotApplication(data.Path, new Dictionary<string, string?>
        {
            ["Crm:Webhook:Url"] = "crm.example.org/hooks",
            ["Crm:Webhook:Secret"] = WebhookReceiverStandIn.NewSecret(),
        });
        Assert.Contains("Crm:Webhook:Url", Assert.ThrowsAny<Exception>(() => wrongUrl.CreateClient()).ToString());
    }

    private async Task<HttpClient> StartAsync(Dictionary<string, string?>? extra = null)
    {
        receiver = await WebhookReceiverStandIn.StartAsync();
        var settings = receiver.Settings();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        app = new BotApplication(data.Path, settings, services => services.AddSingleton<ILoggerProvider>(logs));
        return app.CreateClient();
    }

    private Task<CrmDeliveryCounts> CountsAsync() => app!.Services.GetRequiredService<ICrmDeliveries>().CountAsync("webhook");

    private async Task MakeEverythingDueAsync()
    {
        await using var connection = await app!.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE crm_deliveries SET next_attempt_at = '2000-01-01T00:00:00.0000000+00:00' WHERE state = 'pending'";
        await command.ExecuteNonQueryAsync();
        app.Services.GetRequiredService<CrmOutboxSignal>().Pulse();
    }

    private async Task<long> RowsAsync(string sql)
    {
        await using var connection = await app!.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private void AssertNothingPersonalLogged(params string[] personal)
    {
        foreach (var value in personal.Append(receiver!.Secret))
        {
            Assert.DoesNotContain(logs.Entries, entry => entry.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }

        data.Dispose();
    }
}
