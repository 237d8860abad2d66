using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Http;

// Tests that only read, or are refused, share one host; the two that count votes and pledges
// start their own (OwnHost), so that they count only what they did.
public sealed class MessagesEndpointTests(SharedBotApplication shared) : IClassFixture<SharedBotApplication>, IDisposable
{
    private readonly TempFolder data = new();
    private readonly ChannelActivities user = new();
    private BotApplication app = shared.App;
    private BotApplication? ownHost;

    [Fact]
    public async Task JoiningWithExpectRepliesReturnsTheWelcomeCardInTheResponse()
    {
        var replies = await app.ExpectRepliesAsync(user.Joined());

        var card = Assert.Single(replies).AsCard();
        Assert.Equal("AdaptiveCard", card.Value<string>("type"));
        Assert.Equal("1.5", card.Value<string>("version"));
        Assert.Contains("Read the stories", card.ButtonTitles());
    }

    [Fact]
    public async Task AWholeConversationGoesFromWelcomeToThanksAndSurvivesARestart()
    {
        app = OwnHost();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var welcome = await SingleCardAsync(user.Joined());

        var story = await ClickAsync(welcome, "Read the stories");
        Assert.Contains("Story 1 of 4", story.Text());
        story = await ClickAsync(story, "Next story");
        Assert.Contains("Story 2 of 4", story.Text());

        var results = await ClickAsync(story, "Vote for this cause");
        Assert.Contains($"Your vote for {content.Causes[1].Title} is recorded", results.Text());
        Assert.Contains($"**{content.Causes[1].Title}** (your vote): 1 vote (100%)", results.Text());

        var askName = await ClickAsync(results, "Take the pledge");
        Assert.Contains("What is your first name?", askName.Text());
        var askedAgain = await SingleCardAsync(user.Message(""));
        Assert.Contains("I need your first name", askedAgain.Text());
        await SingleCardAsync(user.Message("Anna"));
        var badEmail = await SingleCardAsync(user.Message("anna-at-example"));
        Assert.Contains("doesn't look like an email address", badEmail.Text());
        var consent = await SingleCardAsync(user.Message("anna@example.org"));
        var confirmation = await ClickAsync(consent, "Yes, I agree");
        var thanks = await ClickAsync(confirmation, "Confirm my pledge");
        Assert.Contains("Thank you, Anna!", thanks.Text());
        Assert.Contains("You are the first person to take the #NotOnMyScreen pledge.", thanks.Text());

        app.Dispose(); // the first instance stops...
        using var restarted = new BotApplication(app.DataDirectory);
        var after = Assert.Single(await restarted.ExpectRepliesAsync(user.Message("results"))).AsCard();
        Assert.Contains($"**{content.Causes[1].Title}** (your vote): 1 vote (100%)", after.Text());
        var pledges = restarted.Services.GetRequiredService<IPledgeStore>();
        Assert.Equal(1, await pledges.CountAsync(content.Id, "not-on-my-screen"));
    }

    [Fact]
    public async Task AChannelRedeliveringTheSameActivityCountsItOnce()
    {
        app = OwnHost();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var voteForFirst = user.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id });
        await app.ExpectRepliesAsync(voteForFirst);
        await app.ExpectRepliesAsync(user.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[3].Id }));

        var replayed = Assert.Single(await app.ExpectRepliesAsync((JObject)voteForFirst.DeepClone())).AsCard();

        Assert.Contains($"Your vote for {content.Causes[0].Title} is recorded", replayed.Text());
        var tally = await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id);
        Assert.Equal(1, tally.Total);
        Assert.Equal(1, tally.VotesFor(content.Causes[3].Id));
    }

    [Theory]
    [InlineData("this is not json", "not a JSON activity")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "no 'type'")]
    [InlineData("""{"type":"message","from":{"id":"u"},"serviceUrl":"http://localhost:1"}""", "conversation.id")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"from":{"id":"u"}}""", "serviceUrl")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"from":{"id":"u"},"serviceUrl":"javascript:alert(1)"}""", "serviceUrl")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"from":{"id":"u"},"serviceUrl":"http://localhost:1","text":"hi"}""", "recipient.id")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"from":{"id":"u"},"recipient":{"id":"b"},"serviceUrl":"http://localhost:1","text":{"a":1}}""", "'text' must be a string")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"from":{"id":"u"},"recipient":{"id":"b"},"serviceUrl":"http://localhost:1","entities":"x"}""", "'entities' must be an array")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"from":{"id":"u"},"recipient":{"id":"b"},"serviceUrl":"http://localhost:1","timestamp":"yesterday"}""", "'timestamp' must be a date")]
    public async Task AMalformedActivityGetsA400ThatSaysWhatIsWrong(string body, string problem)
    {
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(problem, text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task CardImagesAreServedByTheHost()
    {
        var client = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;

        var image = await client.GetAsync($"/campaign/{content.Causes[0].Image.File}");
        var outside = await client.GetAsync("/campaign/images/../campaign.json");

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    public void Dispose()
    {
        ownHost?.Dispose();
        data.Dispose();
    }

    private BotApplication OwnHost() => ownHost = new BotApplication(data.Path);

    private async Task<JObject> SingleCardAsync(JObject activity) => Assert.Single(await app.ExpectRepliesAsync(activity)).AsCard();

    private Task<JObject> ClickAsync(JObject card, string title) => SingleCardAsync(user.Click((JObject)card.Button(title)["data"]!));
}
