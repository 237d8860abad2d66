using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Journey;

public sealed class ShareJourneyTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task AfterAVoteShareGivesACardInTheSupportersVoiceWithTheirLink()
    {
        var chat = bot.Chat();
        await chat.SayAsync("stories");
        await chat.ClickAsync("Vote for this cause");

        var share = await chat.ClickAsync("Share");

        var cause = bot.Content.Causes[0];
        Assert.Contains($"I voted for {cause.Title} in {bot.Content.Title}. Join me", share.Text());
        var link = ShareLink(share);
        Assert.Matches($"^http://localhost:3978/c/{cause.Id}\\?r=[a-z2-9]{{10}}$", link);
        Assert.Equal(["Email", "WhatsApp", "X", "Facebook", "LinkedIn"], share.ButtonTitles());
        Assert.Contains(Uri.EscapeDataString(link), share.Button("WhatsApp").Value<string>("url"));
        Assert.StartsWith("mailto:?subject=", share.Button("Email").Value<string>("url"));
        Assert.Contains($"url={Uri.EscapeDataString(link)}", share.Button("LinkedIn").Value<string>("url"));
        Assert.Contains($"u={Uri.EscapeDataString(link)}", share.Button("Facebook").Value<string>("url"));
        Assert.StartsWith("https://twitter.com/intent/tweet?text=", share.Button("X").Value<string>("url"));
    }

    [Fact]
    public async Task AfterAPledgeTheShareLineSaysSo()
    {
        var chat = bot.Chat();
        foreach (var answer in new[] { "pledge", "Anna", "anna@example.org", "yes", "yes" })
        {
            await chat.SayAsync(answer);
        }

        var share = await chat.ClickAsync("Share");

        Assert.Contains("I took the #NotOnMyScreen pledge. Join me", share.Text());
    }

    [Fact]
    public async Task TheSamePersonAlwaysSharesTheSameCodeAndItNamesNobody()
    {
        var first = ShareLink(await ShareStoryAsync(bot.Chat("anna", "a")));
        var again = ShareLink(await ShareStoryAsync(bot.Chat("anna", "a-second-chat")));
        var other = ShareLink(await ShareStoryAsync(bot.Chat("ben", "b")));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.DoesNotContain("anna", first);
    }

    [Fact]
    public async Task InTeamsShareAlsoPointsToTheMessagingExtension()
    {
        var chat = bot.TeamsChat("aad-anna");
        var share = await ShareStoryAsync(chat);
        Assert.Contains("Share in a chat", share.ButtonTitles());

        var explained = await chat.ClickAsync("Share in a chat");

        Assert.Contains($"choose **{bot.Content.Title}**", explained.Text());
        Assert.Contains("search for the cause", explained.Text());
    }

    [Fact]
    public async Task WebChatHasNoTeamsOnlyShareButton()
    {
        var share = await ShareStoryAsync(bot.Chat(channelId: "directline"));

        Assert.DoesNotContain("Share in a chat", share.ButtonTitles());
    }

    [Fact]
    public async Task ShareBeforeChoosingACauseOffersTheStories()
    {
        var chat = bot.Chat();
        await chat.SayAsync("results");

        var story = await chat.ClickAsync("Share");

        Assert.Contains("Which cause would you like to share?", chat.LastReplies[0].Card().Text());
        Assert.Contains("Story 1 of 4", story.Text());
    }

    public void Dispose() => bot.Dispose();

    private static async Task<JObject> ShareStoryAsync(ChatSession chat)
    {
        await chat.SayAsync("stories");
        return await chat.ClickAsync("Share");
    }

    private static string ShareLink(JObject card) =>
        card.Descendants().OfType<JObject>().Single(e => e.Value<string>("id") == "shareLink").Value<string>("value")!;
}
