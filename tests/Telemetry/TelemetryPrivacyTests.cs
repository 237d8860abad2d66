using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Telemetry;

/// <summary>
/// Everything the telemetry gives an operator (or whoever reads their collector): not a name, an
/// email or its hash, a confirmation token, a user id, a conversation id or a Direct Line token,
/// though each of them passed through addresses the host served or called.
/// </summary>
public sealed class TelemetryPrivacyTests : IAsyncDisposable
{
    private const string FirstName = "Zephyrinequa";
    private const string Email = "zephyrine.quarrington@example.org";
    private const string UserId = "user-zq-77310";
    private const string ConversationId = "conv-zq-99120";
    private readonly TempFolder data = new();
    private readonly HostTelemetry telemetry = new();
    private readonly List<IAsyncDisposable> running = [];

    [Fact]
    public async Task NoSpanMetricOrScrapeNamesThePersonTheirIdsOrTheirTokens()
    {
        var mailchimp = await MailchimpStandIn.StartAsync();
        running.Add(mailchimp);
        var app = BotApplication.StartOnKestrel(data.Path, mailchimp.Settings(), telemetry.Collect);
        running.Add(app);
        var http = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var person = new ChannelActivities(UserId, ConversationId);

        // A vote and a pledge through /api/messages; the pledge reaches Mailchimp (whose address names the email's hash).
        await ExpectReplies.PostAsync(http, person.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id }));
        await TakePledgeAsync(http, person, FirstName, Email);
        await Eventually.TrueAsync(() => Task.FromResult(mailchimp.Member(Email) is not null), "the pledge reached Mailchimp");
        // The confirmation link, with its token in the query.
        var link = ConfirmationEmails.Link((await ConfirmationEmails.InOutboxAsync(data.Path)).Single());
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(link)).StatusCode);
        // The built-in Direct Line: the conversation id in every path, the token in a header, the bot's reply sent back through this host.
        var directLine = new DirectLineClient(app.CreateClient());
        var issued = await directLine.StartAsync();
        await directLine.SayAsync("results");
        await Eventually.TrueAsync(async () => (await directLine.PollAsync()).Any(a => a["attachments"] is JArray), "the bot's answer over Direct Line");
        var scrape = await http.GetStringAsync("/metrics");

        var secrets = new[]
        {
            FirstName, Email, MailchimpStandIn.SubscriberHash(Email), token, UserId, ConversationId,
            directLine.ConversationId, directLine.Token, issued.Value<string>("userId")!,
        };
        var spans = telemetry.Spans;
        // The paths that carried the secrets were traced, so their absence below means something.
        Assert.Contains(spans, s => (s.GetTagItem("http.route") as string) == "/v3/directline/conversations/{conversationId}/activities");
        Assert.Contains(spans, s => (s.GetTagItem("http.route") as string) == "/confirm");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string) == new Uri(mailchimp.BaseUrl).GetLeftPart(UriPartial.Authority));
        var told = spans.SelectMany(Words)
            .Concat(telemetry.Measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Append(scrape)
            .ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(told, said => said.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static IEnumerable<string> Words(Activity span) =>
        new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "", span.TraceStateString ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}: {t.Key}={t.Value}")))
            .Concat(span.Links.SelectMany(l => l.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []));

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(running))
        {
            await disposable.DisposeAsync();
        }

        telemetry.Dispose();
        data.Dispose();
    }
}
