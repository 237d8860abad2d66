using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Teams;

public sealed class TeamsCardsTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task InTeamsVoteButtonsAreUniversalActionsWithASubmitFallback()
    {
        var story = await bot.TeamsChat("aad-anna").SayAsync("stories");

        var vote = story.Button("Vote for this cause");
        Assert.Equal("Action.Execute", vote.Value<string>("type"));
        Assert.Equal("vote", vote.Value<string>("verb"));
        Assert.Equal(bot.Content.Causes[0].Id, vote["data"]!.Value<string>("causeId"));
        Assert.Equal("Action.Submit", vote["fallback"]!.Value<string>("type"));
        Assert.Equal("Action.Execute", story.Button("Next story").Value<string>("type"));
        Assert.Equal("Action.Submit", story.Button("Take the pledge").Value<string>("type")); // the pledge is a conversation
        Assert.True(double.Parse(story.Value<string>("version")!, System.Globalization.CultureInfo.InvariantCulture) <= 1.5);
    }

    [Fact]
    public async Task InAPersonalChatTheCardRefreshesForThatPerson()
    {
        var results = await bot.TeamsChat("aad-anna").SayAsync("results");

        var refresh = results["refresh"]!;
        Assert.Equal("Action.Execute", refresh["action"]!.Value<string>("type"));
        Assert.Equal("refresh", refresh["action"]!.Value<string>("verb"));
        Assert.Equal("results", refresh["action"]!["data"]!.Value<string>("view"));
        Assert.Equal(["29:aad-anna"], refresh["userIds"]!.Values<string>());
    }

    [Fact]
    public async Task InAGroupChatTheCardRefreshesForEveryoneWhoLooks()
    {
        var story = await bot.TeamsChat("aad-anna", "group-1", "groupChat").SayAsync("stories");

        Assert.Null(story["refresh"]!["userIds"]);
        Assert.Equal(1, story["refresh"]!["action"]!["data"]!.Value<int>("story"));
    }

    [Fact]
    public async Task InstallingTheBotInTeamsShowsTheWelcome()
    {
        var chat = bot.TeamsChat("aad-anna");

        await chat.SendAsync(new Microsoft.Bot.Schema.Activity
        {
            Type = "conversationUpdate",
            MembersAdded = [new Microsoft.Bot.Schema.ChannelAccount("28:bot")],
        });

        Assert.Contains("Read the stories", chat.LastCard.ButtonTitles());
    }

    [Fact]
    public async Task InAGroupChatThePledgeIsTakenInAPersonalChatInstead()
    {
        var group = bot.TeamsChat("aad-anna", "group-1", "groupChat");

        var card = await group.SayAsync("pledge");
        var answer = await group.SayAsync("Anna");

        Assert.Contains("Open a personal chat with me", card.Text());
        Assert.DoesNotContain("What is your email address?", answer.Text());
        Assert.Contains("What is your first name?", (await bot.TeamsChat("aad-anna").SayAsync("pledge")).Text());
    }

    [Fact]
    public async Task WebChatCardsHaveNoUniversalActions()
    {
        var story = await bot.Chat(channelId: "directline").SayAsync("stories");

        Assert.DoesNotContain(story.Actions(), a => a.Value<string>("type") == "Action.Execute");
        Assert.Null(story["refresh"]);
    }

    [Fact]
    public async Task AMentionInAChannelIsStrippedBeforeTheWordsAreRead()
    {
        var chat = bot.TeamsChat("aad-anna", "channel-1", "channel");

        await chat.SendAsync(new Microsoft.Bot.Schema.Activity
        {
            Type = "message",
            Text = "<at>Campaign bot</at> vote",
            Entities =
            [
                new Microsoft.Bot.Schema.Entity("mention")
                {
                    Properties = JObject.FromObject(new
                    {
                        mentioned = new { id = "28:bot", name = "Campaign bot" },
                        text = "<at>Campaign bot</at>",
                    }),
                },
            ],
        });

        Assert.Contains("Vote for a cause", chat.LastCard.Text());
    }

    public void Dispose() => bot.Dispose();
}
