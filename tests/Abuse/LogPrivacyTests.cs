using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>
/// Whole journeys through the real host with every log category at Trace: nothing a person is or
/// said reaches the logs, not in a message, a structured property, a scope or an exception.
/// </summary>
public sealed class LogPrivacyTests : IAsyncLifetime
{
    // Distinctive, so that finding one anywhere in the logs cannot be a coincidence.
    private const string FirstName = "Zephyrine";
    private const string Email = "zephyrine.q@example.org";
    private const string UserId = "user-4f1c9a";
    private const string ConversationId = "conv-77ad2e";
    private const string SubmittedText = "quokka-marmalade-917";
    private const string AppId = "00000000-0000-0000-0000-000000000001";

    private readonly TempFolder data = new();
    private readonly CapturedLogs logs = new();
    private readonly List<string> forbidden = [FirstName, Email, UserId, ConversationId, SubmittedText];
    private OpenIdStandIn tokenService = null!;

    public async Task InitializeAsync() => tokenService = await OpenIdStandIn.StartAsync();

    [Fact]
    public async Task NoJourneyPutsNamesEmailsIdsOrSubmittedTextInTheLogs()
    {
        await ChatThroughTheChannelEndpointAsync();
        await FailATurnAsync();
        await SendMalformedActivitiesAsync();
        await SendBadTokensAsync();
        await ChatThroughTheBuiltInDirectLineAsync();

        Assert.NotEmpty(logs.Entries);
        var leaks = logs.Entries
            .Where(entry => forbidden.Any(value => entry.Contains(value, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs:\n" + string.Join("\n---\n", leaks));
    }

    public async Task DisposeAsync()
    {
        await tokenService.DisposeAsync();
        data.Dispose();
    }

    private async Task ChatThroughTheChannelEndpointAsync()
    {
        using var app = Host();
        var user = new ChannelActivities(UserId, ConversationId);
        var welcome = await CardAsync(app, user.Joined());
        var story = await CardAsync(app, user.Click(Data(welcome, "Read the stories")));
        story = await CardAsync(app, user.Click(Data(story, "Next story")));
        await CardAsync(app, user.Click(Data(story, "Vote for this cause")));
        await CardAsync(app, user.Message("pledge"));
        await CardAsync(app, user.Message(FirstName));
        var consent = await CardAsync(app, user.Message(Email));
        var confirmation = await CardAsync(app, user.Click(Data(consent, "Yes, I agree")));
        var thanks = await CardAsync(app, user.Click(Data(confirmation, "Confirm my pledge")));
        Assert.Contains($"Thank you, {FirstName}!", thanks.Text());
        await CardAsync(app, user.Message(SubmittedText));
    }

    private async Task FailATurnAsync()
    {
        using var app = Host(services => services.AddSingleton<IVoteStore, QuotingFaultyVoteStore>());
        var user = new ChannelActivities(UserId, ConversationId);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;

        var apology = Assert.Single(await app.ExpectRepliesAsync(user.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id, ["note"] = SubmittedText })));

        Assert.Contains("something went wrong", apology.Value<string>("text"));
    }

    private async Task SendMalformedActivitiesAsync()
    {
        using var app = Host();
        var client = app.CreateClient();
        var wrongType = new ChannelActivities(UserId, ConversationId).Message($"{FirstName} {Email} {SubmittedText}");
        wrongType["timestamp"] = Email;
        var wrongValue = new ChannelActivities(UserId, ConversationId).Message(SubmittedText);
        wrongValue["attachments"] = $"{FirstName} {Email}";
        var tooLong = new ChannelActivities(UserId, ConversationId + new string('x', 600)).Message(SubmittedText);

        foreach (var body in new[]
        {
            wrongType.ToString(),
            wrongValue.ToString(),
            tooLong.ToString(),
            $$"""{"type":"message","text":"{{FirstName}} {{Email}} {{SubmittedText}}","from":{"id":"{{UserId}}"}""",
            $"{FirstName} {Email}",
        })
        {
            var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private async Task SendBadTokensAsync()
    {
        var settings = tokenService.BotSettings(AppId);
        settings["Logging:LogLevel:Default"] = "Trace";
        using var app = new BotApplication(data.Path, Verbose(settings), services => services.AddSingleton<ILoggerProvider>(logs));
        foreach (var token in new[]
        {
            "a.b.c",
            tokenService.IssueToken(AppId, "http://localhost:50000", forged: true),
            tokenService.IssueToken(AppId, $"https://{UserId}.example/"),
            tokenService.IssueToken("00000000-0000-0000-0000-0000000000ff", "http://localhost:50000"),
        })
        {
            var activity = new ChannelActivities(UserId, ConversationId).Message($"{FirstName} {Email}");
            activity["deliveryMode"] = "expectReplies";
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(request)).StatusCode);
        }
    }

    private async Task ChatThroughTheBuiltInDirectLineAsync()
    {
        using var app = BotApplication.StartOnKestrel(data.Path, Verbose([]), services => services.AddSingleton<ILoggerProvider>(logs));
        var client = new DirectLineClient(app.CreateClient());
        var issued = await client.StartAsync();
        forbidden.Add(client.ConversationId);
        forbidden.Add(issued.Value<string>("userId")!);
        forbidden.Add(client.Token);

        await client.SayAsync(SubmittedText);
        await client.SayAsync("pledge");
        await client.SayAsync(FirstName);
        await client.SayAsync(Email);
        var bad = await client.PostActivityAsync(new JObject { ["type"] = "message", ["text"] = new string('z', 5000) + FirstName });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await client.PollAsync();
    }

    private BotApplication Host(Action<IServiceCollection>? more = null) =>
        new(data.Path, Verbose([]), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            more?.Invoke(services);
        });

    /// <summary>An operator who turns every category up to Trace, including those appsettings.json quiets.</summary>
    private static Dictionary<string, string?> Verbose(Dictionary<string, string?> settings)
    {
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:PledgeBot.BotFramework.AdapterWithErrorHandler"] = "Trace";
        return settings;
    }

    private static async Task<JObject> CardAsync(BotApplication app, JObject activity) =>
        Assert.Single(await app.ExpectRepliesAsync(activity)).AsCard();

    private static JObject Data(JObject card, string title) => (JObject)card.Button(title)["data"]!;

    /// <summary>A vote store that fails the way a database driver does: quoting what it was given (here the activity id, which holds the conversation id).</summary>
    private sealed class QuotingFaultyVoteStore : IVoteStore
    {
        public Task<VoteResult> RecordVoteAsync(VoteRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"Could not store the vote of request '{request.RequestId}'.");

        public Task<string?> FindVoteAsync(string campaignId, string personKey, CancellationToken cancellationToken = default) =>
            Task.FromResult<string?>(null);

        public Task<VoteTally> GetTallyAsync(string campaignId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The database went away.");

        public Task<VoteTimeline> GetTimelineAsync(string campaignId, DateTimeOffset hoursFrom, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The database went away.");
    }
}
