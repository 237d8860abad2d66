using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.FollowUps;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// Follow-ups by email through the real host: a person pledges in the web chat, confirms their
/// address and says yes to email updates; an update queued for them goes through the email route
/// to a real SMTP server, and its unsubscribe link works as a mail client uses it (a POST with
/// <c>List-Unsubscribe=One-Click</c>, no cookie) and as a person does (the page's button), while
/// a link scanner's GET changes nothing.
/// </summary>
public sealed class EmailFollowUpTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private readonly SmtpTestServer smtp = new();
    private readonly CapturedLogs logs = new();
    private BotApplication app = null!;
    private HttpClient chat = null!;

    public Task InitializeAsync()
    {
        smtp.Start();
        // The route on its own: the test claims from the queue itself, so the host's sender must not.
        app = BotApplication.StartOnKestrel(data.Path, smtp.Settings(), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            FollowUpSubscribers.WithoutTheSender(services);
        });
        chat = app.CreateClient();
        return Task.CompletedTask;
    }

    private CampaignContent Content => app.Services.GetRequiredService<CurrentCampaign>().Content;

    private IFollowUpDelivery EmailRoute => app.Services.GetServices<IFollowUpDelivery>().Single(route => route.Route == FollowUpRoute.Email);

    [Fact]
    public async Task AFollowUpEmailCarriesTheOneClickHeadersAndTheVisibleLinkAndAMailClientsPostUnsubscribes()
    {
        var email = await SentToAsync("anna", "Anna");

        Assert.Equal("Voting has closed", email.Subject);
        Assert.Equal("anna@example.org", Assert.Single(email.To.Mailboxes).Address);
        Assert.Equal("campaign@example.org", Assert.Single(email.From.Mailboxes).Address);
        var unsubscribe = UnsubscribeLink(email);
        Assert.StartsWith(app.ClientOptions.BaseAddress + "unsubscribe?token=", unsubscribe.AbsoluteUri);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Hello Anna,", email.TextBody);
        Assert.Contains("The results are in: thank you for voting.", email.TextBody);
        Assert.Contains("See the results: " + app.ClientOptions.BaseAddress + "results", email.TextBody);
        Assert.Contains("because you asked Stand With Them to tell you how the campaign ends", email.TextBody);
        Assert.Contains("Unsubscribe with one click: " + unsubscribe.AbsoluteUri, email.TextBody);
        Assert.Contains($"<a href=\"{unsubscribe.AbsoluteUri}\">Unsubscribe with one click</a>", email.HtmlBody);
        Assert.Contains($"<a href=\"{app.ClientOptions.BaseAddress}results\">See the results</a>", email.HtmlBody);
        Assert.Equal("en", email.Body!.Headers[HeaderId.ContentLanguage]);

        // As a mail client does it: a POST to the header's address, no cookie, no page, no antiforgery token.
        using var mailClient = new HttpClient();
        var unsubscribed = await mailClient.PostAsync(unsubscribe, OneClickBody());

        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Contains("You will get no more updates.", await unsubscribed.Content.ReadAsStringAsync());
        Assert.Equal("no-store", unsubscribed.Headers.CacheControl?.ToString());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE status = 'withdrawn' AND route IS NULL AND pledge_record_id IS NULL"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'withdrawn' AND channel = 'email' AND route = 'email'"));
        // The pledge itself is untouched: still counted, still confirmed, its contact not withdrawn.
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM pledges WHERE contact_withdrawn_at IS NULL AND confirmed_at IS NOT NULL"));
        Assert.Contains("Stopped on", (await PledgeConversation.SayAsync(chat, Person("anna"), "my data")).Text());

        var again = await mailClient.PostAsync(unsubscribe, OneClickBody());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You will get no more updates.", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'withdrawn'"));
    }

    [Fact]
    public async Task OpeningTheLinkOnlyShowsTheButtonAndTheButtonUnsubscribes()
    {
        var unsubscribe = UnsubscribeLink(await SentToAsync("ben", "Ben"));

        // A link scanner, or the person, opens the link: nothing changes yet.
        using var browser = new HttpClient();
        var page = await browser.GetAsync(unsubscribe);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Stop the updates?", html);
        Assert.Contains("<form method=\"post\" action=\"/unsubscribe?token=", html);
        Assert.Contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">", html);
        Assert.Contains(">Unsubscribe</button>", html);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE status = 'subscribed'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'withdrawn'"));

        // The button posts its form to the address the page names.
        var action = WebUtility.HtmlDecode(html.Split("action=\"")[1].Split('"')[0]);
        var pressed = await browser.PostAsync(new Uri(unsubscribe, action), OneClickBody());

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Contains("You are unsubscribed", await pressed.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE status = 'withdrawn'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'withdrawn'"));
    }

    [Fact]
    public async Task AnAlteredOrMissingTokenOrAnOversizedBodyIsRefusedAndNothingIsStored()
    {
        var unsubscribe = UnsubscribeLink(await SentToAsync("carla", "Carla")).AbsoluteUri;
        var token = unsubscribe.Split("token=")[1];
        var altered = unsubscribe.Replace(token, (token[0] == 'A' ? 'B' : 'A') + token[1..], StringComparison.Ordinal);
        using var mailClient = new HttpClient();

        foreach (var address in new[] { altered, unsubscribe[..^4], app.ClientOptions.BaseAddress + "unsubscribe", app.ClientOptions.BaseAddress + "unsubscribe?token=%00%FF" })
        {
            var posted = await mailClient.PostAsync(address, OneClickBody());
            var opened = await mailClient.GetAsync(address);

            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
            Assert.Contains("This unsubscribe link does not work", await posted.Content.ReadAsStringAsync());
            Assert.Contains("Please open the unsubscribe link in the email again, as a whole.", await opened.Content.ReadAsStringAsync());
        }

        // More than a one-click form's field is refused before the endpoint runs.
        var oversized = await mailClient.PostAsync(unsubscribe, new StringContent("List-Unsubscribe=One-Click&" + new string('x', 2048)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE status = 'subscribed' AND route = 'email'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'withdrawn'"));
    }

    [Fact]
    public async Task UnderDoubleOptInAnAddressNeverConfirmedIsSkippedAndNotWrittenTo()
    {
        await SubscribeByEmailAsync("dan", "Dan", confirm: false);

        var outcome = await EmailRoute.DeliverAsync(await ClaimedAsync(), VotingClosed(), CancellationToken.None);

        Assert.Equal(new FollowUpOutcome(FollowUpDeliveryStatus.Skipped, "address not confirmed"), outcome);
        // The confirmation email, and nothing since.
        Assert.Equal(1, smtp.ReceivedCount);
    }

    [Fact]
    public async Task AnArabicUpdateIsWrittenRightToLeftWithArabicWordsAndItsUnsubscribePageIsArabicToo()
    {
        var arabic = new FollowUpMessage("ar", "انتهى التصويت", ["النتائج متاحة الآن: شكرًا لتصويتك."], null);

        var email = await SentToAsync("fatima", "Fatima", arabic);

        Assert.Equal("انتهى التصويت", email.Subject);
        Assert.Equal("ar", email.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", email.HtmlBody);
        Assert.Contains("مرحبًا Fatima،", email.TextBody);
        Assert.Contains("إلغاء الاشتراك بنقرة واحدة", email.HtmlBody);
        Assert.Contains(Content.In(CultureInfo.GetCultureInfo("ar")).Title, email.TextBody);
        var unsubscribe = UnsubscribeLink(email);
        Assert.EndsWith("&lang=ar", unsubscribe.AbsoluteUri);

        using var browser = new HttpClient();
        var page = await browser.GetStringAsync(unsubscribe);

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", page);
        Assert.Contains("إيقاف الأخبار؟", page);
        Assert.Contains("lang=ar", page.Split("action=\"")[1].Split('"')[0]);
    }

    [Fact]
    public async Task NoNameAddressOrTokenReachesTheLogs()
    {
        var unsubscribe = UnsubscribeLink(await SentToAsync("gil", "Gilberto"));
        using var mailClient = new HttpClient();
        await mailClient.GetAsync(unsubscribe);
        await mailClient.PostAsync(unsubscribe, OneClickBody());
        var token = unsubscribe.Query.Split("token=")[1].Split('&')[0];

        Assert.Contains(logs.Entries, entry => entry.Contains("Follow-up email sent", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Contains("Follow-ups ended by an email's unsubscribe link", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Contains("Gilberto", StringComparison.Ordinal)
            || entry.Contains("gil@example.org", StringComparison.OrdinalIgnoreCase)
            || entry.Contains(token, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        chat.Dispose();
        await app.DisposeAsync();
        await smtp.DisposeAsync();
        data.Dispose();
    }

    private static ChannelActivities Person(string who) => EmailSubscribers.Person(who);

    private Task SubscribeByEmailAsync(string who, string firstName, bool confirm = true) => EmailSubscribers.SubscribeAsync(chat, smtp, who, firstName, confirm);

    /// <summary>Subscribes the person by email and sends them <paramref name="message"/> (by default <see cref="VotingClosed"/>) through the email route.</summary>
    private async Task<MimeMessage> SentToAsync(string who, string firstName, FollowUpMessage? message = null)
    {
        await SubscribeByEmailAsync(who, firstName);
        Assert.Equal(FollowUpOutcome.Sent, await EmailRoute.DeliverAsync(await ClaimedAsync(), message ?? VotingClosed(), CancellationToken.None));
        return await smtp.NextMessageAsync();
    }

    /// <summary>An update for everyone subscribed, queued and claimed from the real queue as the follow-up worker claims it.</summary>
    private async Task<DueFollowUp> ClaimedAsync()
    {
        var queue = app.Services.GetRequiredService<IFollowUpQueue>();
        var now = DateTimeOffset.UtcNow;
        await queue.AddAsync(new FollowUpUpdate("voting-closed", Content.Id, FollowUpKind.VotingClosed, "voting-closed", FollowUpAudience.Everyone, null, now, now));
        await queue.QueueDueAsync(now);
        return Assert.Single(await queue.ClaimAsync("email", now, 10, TimeSpan.FromMinutes(5)));
    }

    private FollowUpMessage VotingClosed() => new(
        "en",
        "Voting has closed",
        ["The results are in: thank you for voting."],
        new FollowUpLink("See the results", new Uri(app.ClientOptions.BaseAddress, "results")));

    private static FormUrlEncodedContent OneClickBody() => EmailSubscribers.OneClickBody();

    private static Uri UnsubscribeLink(MimeMessage email) => EmailSubscribers.UnsubscribeLink(email);

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
