using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.PledgeConfirmation;
using PledgeBot.Privacy;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.PledgeConfirmation;

/// <summary>
/// Double opt-in through the real host: the pledge in the chat, the email through a real SMTP
/// server (or the .eml outbox), the link opened over HTTP, and what the chat and counts say after.
/// </summary>
public sealed class DoubleOptInTests : IAsyncDisposable
{
    private const string PledgeId = "not-on-my-screen";
    private readonly TempFolder data = new();
    private readonly List<IAsyncDisposable> running = [];

    [Fact]
    public async Task APledgeIsConfirmedByTheLinkInTheEmailAndTheCountsShowItConfirmed()
    {
        var smtp = Started(new SmtpTestServer());
        smtp.Start();
        var app = Started(BotApplication.StartOnKestrel(data.Path, smtp.Settings()));
        using var http = app.CreateClient();
        var anna = new ChannelActivities("anna", "anna-chat");

        var thanks = await TakePledgeAsync(http, anna, "Anna", "anna@example.org");

        Assert.Contains("Thank you, Anna!", thanks.Text());
        Assert.Contains("Check your inbox: we are sending a link to confirm your pledge (unless this address confirmed it, or asked us to stop, before).", thanks.Text());
        var email = await smtp.NextMessageAsync();
        Assert.Equal("Please confirm your #NotOnMyScreen pledge", email.Subject);
        Assert.Equal("anna@example.org", Assert.Single(email.To.Mailboxes).Address);
        Assert.Equal("campaign@example.org", Assert.Single(email.From.Mailboxes).Address);
        Assert.False(string.IsNullOrEmpty(email.MessageId));
        Assert.NotEqual(DateTimeOffset.MinValue, email.Date);
        var link = ConfirmationEmails.Link(email);
        Assert.StartsWith(app.ClientOptions.BaseAddress + "confirm?token=", link.AbsoluteUri);
        Assert.Contains("Hello Anna,", email.TextBody);
        Assert.Contains("The link works once, for 7 days. If you ignore this email, your pledge still counts but stays unconfirmed", email.TextBody);
        Assert.Contains("Stand With Them", email.TextBody);
        Assert.Contains(link.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal), email.HtmlBody);
        Assert.Equal(new PledgeCounts(1, 0), await CountsAsync(app));

        var confirmed = await http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Your pledge is confirmed", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("no-store", confirmed.Headers.CacheControl?.ToString());
        Assert.True(confirmed.Headers.Contains("Content-Security-Policy"));
        Assert.Contains("Email confirmed: Yes", (await SayAsync(http, anna, "my data")).Text());
        Assert.Equal(new PledgeCounts(1, 1), await CountsAsync(app));
        var sharePage = await http.GetStringAsync("/c/" + PledgeCauseId(app));
        Assert.Contains("taken the #NotOnMyScreen pledge (1 confirmed)", sharePage);

        var reused = await http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Your pledge is already confirmed", await reused.Content.ReadAsStringAsync());
        Assert.Equal(new PledgeCounts(1, 1), await CountsAsync(app));
    }

    [Fact]
    public async Task ALinkOpenedBeforeTheSenderHasRecordedItsEmailAsSentWorksAgainAfterwards()
    {
        // The email is in Jo's inbox while the bot still waits for the mail server's answer, and Jo
        // opens the link at once.
        var smtp = Started(new SmtpTestServer());
        smtp.HoldReplies();
        smtp.Start();
        var logs = new CapturedLogs();
        var app = Started(BotApplication.StartOnKestrel(data.Path, smtp.Settings(), services => services.AddSingleton<ILoggerProvider>(logs)));
        using var http = app.CreateClient();
        await TakePledgeAsync(http, new ChannelActivities("jo", "jo-chat"), "Jo", "jo@example.org");
        var link = ConfirmationEmails.Link(await smtp.NextMessageAsync());

        var confirmed = await http.GetAsync(link);
        smtp.ReleaseReplies();
        await Eventually.TrueAsync(() => Task.FromResult(logs.Entries.Any(e => e.Contains("Confirmation email sent", StringComparison.Ordinal))), "the sender records the email as sent");
        var reopened = await http.GetAsync(link);

        Assert.Contains("Your pledge is confirmed", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Contains("Your pledge is already confirmed", await reopened.Content.ReadAsStringAsync());
        Assert.Equal(new PledgeCounts(1, 1), await CountsAsync(app));
        Assert.Equal(1, smtp.ReceivedCount);
    }

    [Fact]
    public async Task WithoutAMailServerTheEmailIsAnEmlFileInTheOutboxAndItsLinkConfirms()
    {
        var app = Started(new BotApplication(data.Path));
        var http = app.CreateClient();
        var ben = new ChannelActivities("ben", "ben-chat");

        await TakePledgeAsync(http, ben, "Ben", "ben@example.org");

        var email = Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path));
        Assert.Equal("ben@example.org", Assert.Single(email.To.Mailboxes).Address);
        var confirmed = await http.GetAsync(ConfirmationEmails.Link(email).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Email confirmed: Yes", (await SayAsync(http, ben, "my data")).Text());
    }

    [Fact]
    public async Task ForgetMeAlsoErasesTheOutboxCopyOfThePersonsEmailAndNobodyElses()
    {
        var app = Started(new BotApplication(data.Path));
        var http = app.CreateClient();
        var zoe = new ChannelActivities("zoe", "zoe-chat");
        await TakePledgeAsync(http, zoe, "Zoelia", "zoelia@example.org");
        await TakePledgeAsync(http, new ChannelActivities("ben", "ben-chat"), "Ben", "ben@example.org");
        Assert.Equal(2, (await ConfirmationEmails.InOutboxAsync(data.Path, count: 2)).Count);

        await SayAsync(http, zoe, "forget me");
        var clicked = zoe.Click(new Newtonsoft.Json.Linq.JObject { ["action"] = "forgetMeConfirmed" });
        await ExpectReplies.PostAsync(http, clicked);

        var left = Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path));
        Assert.Equal("ben@example.org", Assert.Single(left.To.Mailboxes).Address);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(data.Path, "outbox")), file => File.ReadAllText(file).Contains("Zoelia"));
    }

    [Fact]
    public async Task AnExpiredLinkSaysSoAndTakingThePledgeAgainSendsAFreshOne()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = Started(new BotApplication(data.Path, testServices: services => services.AddSingleton<TimeProvider>(clock)));
        var http = app.CreateClient();
        var cleo = new ChannelActivities("cleo", "cleo-chat");
        await TakePledgeAsync(http, cleo, "Cleo", "cleo@example.org");
        var first = ConfirmationEmails.Link(Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path)));

        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = await http.GetAsync(first.PathAndQuery);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        var page = await expired.Content.ReadAsStringAsync();
        Assert.Contains("This link has expired", page);
        Assert.Contains("take the pledge again in the chat with the same email address", page);
        Assert.Equal(new PledgeCounts(1, 0), await CountsAsync(app));

        var thanks = await TakePledgeAsync(http, cleo, "Cleo", "cleo@example.org");
        Assert.Contains("You are the first person", thanks.Text());
        var second = ConfirmationEmails.Link((await ConfirmationEmails.InOutboxAsync(data.Path, count: 2))[1]);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(second.PathAndQuery)).StatusCode);
        Assert.Equal(new PledgeCounts(1, 1), await CountsAsync(app));
        // The old link now says what is true: the pledge is confirmed.
        Assert.Contains("already confirmed", await http.GetStringAsync(first.PathAndQuery));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=abc")]
    [InlineData("?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?token=AQIDBAUGBwgJCgsMDQ4PEAAAAABpVEjT8x9lzWL4E3UVEjJc2M3bkwyk3Kiq0F7k2GqD7pV2g7v0gcQWjw&token=x")]
    public async Task AMissingOrMalformedLinkGetsAFriendlyPageThatRepeatsNothing(string query)
    {
        var app = Started(new BotApplication(data.Path));

        var response = await app.CreateClient().GetAsync("/confirm" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This link does not work", page);
        Assert.DoesNotContain("alert", page);
        Assert.DoesNotContain("abc", page);
    }

    [Fact]
    public async Task ATamperedOrForgedTokenIsRefusedWithAFriendlyPageAndConfirmsNothing()
    {
        var app = Started(new BotApplication(data.Path));
        var http = app.CreateClient();
        await TakePledgeAsync(http, new ChannelActivities("dan", "dan-chat"), "Dan", "dan@example.org");
        var link = ConfirmationEmails.Link(Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path)));
        var token = link.Query["?token=".Length..];
        // One character changed in the part that carries the token id and expiry.
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var forged = new ConfirmationTokens(new byte[32]).Create(Convert.ToHexStringLower(new byte[16]), DateTimeOffset.UtcNow.AddDays(1));

        foreach (var bad in new[] { tampered, forged })
        {
            var response = await http.GetAsync("/confirm?token=" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(new PledgeCounts(1, 0), await CountsAsync(app));
    }

    [Fact]
    public async Task AnEmailThatCouldNotBeSentGoesOutOnceWhenTheServerIsUp()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var smtp = Started(new SmtpTestServer());
        var app = Started(BotApplication.StartOnKestrel(data.Path, smtp.Settings(), services => services.AddSingleton<TimeProvider>(clock)));
        using var http = app.CreateClient();

        // The server is down: the pledge is still acknowledged, and the email waits in the queue.
        var thanks = await TakePledgeAsync(http, new ChannelActivities("eve", "eve-chat"), "Eve", "eve@example.org");
        Assert.Contains("Check your inbox", thanks.Text());
        await WaitUntilAsync(app, "SELECT count(*) FROM confirmation_emails WHERE attempts >= 1 AND sent_at IS NULL AND last_error IS NOT NULL");
        Assert.Equal(new PledgeCounts(1, 0), await CountsAsync(app));

        smtp.Start();
        var delivered = AdvanceUntilReceivedAsync(clock, smtp);
        var email = await delivered;
        Assert.Equal("eve@example.org", Assert.Single(email.To.Mailboxes).Address);
        await WaitUntilAsync(app, "SELECT count(*) FROM confirmation_emails WHERE sent_at IS NOT NULL");

        // After a restart on the same database, the next person's email goes out and Eve's is not sent again.
        await app.DisposeAsync();
        running.Remove(app);
        var restarted = Started(BotApplication.StartOnKestrel(data.Path, smtp.Settings()));
        using var again = restarted.CreateClient();
        await TakePledgeAsync(again, new ChannelActivities("fay", "fay-chat"), "Fay", "fay@example.org");
        var next = await smtp.NextMessageAsync();
        Assert.Equal("fay@example.org", Assert.Single(next.To.Mailboxes).Address);
        Assert.Equal(2, smtp.ReceivedCount);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(ConfirmationEmails.Link(email).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task AnErasedPledgesLinkSaysNothingIsStored()
    {
        var app = Started(new BotApplication(data.Path));
        var http = app.CreateClient();
        var gus = new ChannelActivities("gus", "gus-chat");
        await TakePledgeAsync(http, gus, "Gus", "gus@example.org");
        var link = ConfirmationEmails.Link(Assert.Single(await ConfirmationEmails.InOutboxAsync(data.Path)));

        await ForgetMeAsync(http, gus);
        var response = await http.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing is stored for this link", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await RowsAsync(app, "SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(new PledgeCounts(0, 0), await CountsAsync(app));
    }

    [Fact]
    public async Task ErasingAPledgeBeforeItsEmailIsSentRemovesTheQueuedEmail()
    {
        // The mail server is down, so the email stays queued.
        var app = Started(new BotApplication(data.Path, new SmtpTestServer().Settings()));
        var http = app.CreateClient();
        var hal = new ChannelActivities("hal", "hal-chat");
        await TakePledgeAsync(http, hal, "Hal", "hal@example.org");
        Assert.Equal(1, await RowsAsync(app, "SELECT count(*) FROM confirmation_emails WHERE sent_at IS NULL"));

        await ForgetMeAsync(http, hal);

        Assert.Equal(0, await RowsAsync(app, "SELECT count(*) FROM confirmation_emails"));
    }

    [Fact]
    public async Task WithDoubleOptInOffNoEmailIsQueuedAndTheThanksMentionsNoInbox()
    {
        var app = Started(new BotApplication(data.Path, new Dictionary<string, string?> { ["Pledges:DoubleOptIn"] = "false" }));
        var http = app.CreateClient();

        var thanks = await TakePledgeAsync(http, new ChannelActivities("ida", "ida-chat"), "Ida", "ida@example.org");

        Assert.Contains("Thank you, Ida!", thanks.Text());
        Assert.DoesNotContain("inbox", thanks.Text());
        Assert.Equal(0, await RowsAsync(app, "SELECT count(*) FROM confirmation_emails"));
        Assert.DoesNotContain("confirmed", await http.GetStringAsync("/c/" + PledgeCauseId(app)));
        var myData = Assert.Single(await app.ExpectRepliesAsync(new ChannelActivities("ida", "ida-chat").Message("my data"))).AsCard().Text();
        Assert.Contains("Email confirmed: Not asked", myData);
    }

    [Fact]
    public void AnSmtpHostWithoutASenderAddressStopsTheStartWithTheSettingsName()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Email:Smtp:Host"] = "mail.example.org" });

        var problem = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Email:From is required", problem.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(running))
        {
            await item.DisposeAsync();
        }

        data.Dispose();
    }

    private T Started<T>(T item)
        where T : IAsyncDisposable
    {
        running.Add(item);
        return item;
    }

    private static string PledgeCauseId(BotApplication app) =>
        app.Services.GetRequiredService<CurrentCampaign>().Content.CausesWithPledges.Single().Id;

    private static Task<PledgeCounts> CountsAsync(BotApplication app) =>
        app.Services.GetRequiredService<IPledgeStore>().GetCountsAsync(app.Services.GetRequiredService<CurrentCampaign>().Content.Id, PledgeId);

    private static async Task<long> RowsAsync(BotApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls the database (bounded) until the query counts at least one row.</summary>
    private static async Task WaitUntilAsync(BotApplication app, string sql)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await RowsAsync(app, sql) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {sql}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Moves the host's clock a minute at a time until the retry goes out: the sender may not be
    /// waiting yet when the clock first moves, so one step is not enough.
    /// </summary>
    private static async Task<MimeKit.MimeMessage> AdvanceUntilReceivedAsync(FakeTimeProvider clock, SmtpTestServer smtp)
    {
        for (var step = 0; step < 300; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            try
            {
                return await smtp.NextMessageAsync(TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
            }
        }

        throw new TimeoutException("The queued email was not sent after the server came up.");
    }
}
