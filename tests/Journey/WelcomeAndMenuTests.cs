using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Journey;

public sealed class WelcomeAndMenuTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task JoiningTheChatShowsTheCampaignIntroWithTheMenu()
    {
        var card = await bot.Chat().JoinAsync();

        Assert.Contains(bot.Content.Title, card.Text());
        Assert.Contains(bot.Content.Intro, card.Text());
        // The shipped campaign is offered in five languages, so the menu ends with the choice of one.
        Assert.Equal(["Read the stories", "Vote", "Take the pledge", "Results", "Language"], card.ButtonTitles());
    }

    [Fact]
    public async Task OnlyTheBotJoiningGetsNoWelcome()
    {
        var chat = bot.Chat();
        await chat.SendAsync(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount("bot")] });

        Assert.Empty(chat.LastReplies);
    }

    [Theory]
    [InlineData("hi", "Read the stories")]
    [InlineData("START", "Read the stories")]
    [InlineData("Menu", "Read the stories")]
    [InlineData("stories", "Story 1 of 4")]
    [InlineData("Vote", "Vote for a cause")]
    [InlineData("results", "Results so far")]
    [InlineData("PLEDGE", "What is your first name?")]
    [InlineData("help", "How can I help?")]
    [InlineData("cancel", "Nothing to cancel")]
    [InlineData("share", "Which cause would you like to share?")]
    [InlineData("what is this?", "Sorry, I didn't catch that")]
    public async Task TypedWordsWorkWhateverTheirCase(string typed, string expected)
    {
        await new TestFlow(new TestAdapter(), bot.Bot)
            .Send(typed)
            .AssertReply(reply => Assert.Contains(expected, Everything(reply.Card())))
            .StartTestAsync();
    }

    [Fact]
    public async Task AnythingUnrecognisedGetsShortHelpWithTheMenuButtons()
    {
        var card = await bot.Chat().SayAsync("asdfgh");

        Assert.Contains("stories", card.Text());
        Assert.Contains("Read the stories", card.ButtonTitles());
        Assert.Contains("Vote", card.ButtonTitles());
    }

    public void Dispose() => bot.Dispose();

    private static string Everything(Newtonsoft.Json.Linq.JObject card) => card.Text() + "\n" + string.Join("\n", card.ButtonTitles());
}
