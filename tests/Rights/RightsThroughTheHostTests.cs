using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>"my data", "stop" and "forget me" in the two channels people use: the web chat (built-in Direct Line) and Teams.</summary>
public sealed class RightsThroughTheHostTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task InTheWebChatABrowserSeesItsDataInANewChatAndIsForgottenEverywhere()
    {
        using var app = BotApplication.StartOnKestrel(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var browser = app.CreateClient();
        var first = new DirectLineClient(browser);
        await first.StartAsync();
        await first.ClickAsync(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[2].Id });
        foreach (var answer in new[] { "pledge", "Zephyrine", "zephyrine.q@example.org", "yes", "yes" })
        {
            await first.SayAsync(answer);
        }

        // A reload: a new token and conversation in the same browser.
        var later = new DirectLineClient(browser);
        await later.StartAsync();
        await later.SayAsync("my data");
        var myData = (await later.PollAsync()).Last().AsCard().Text();
        Assert.Contains(content.Causes[2].Title, myData);
        Assert.Contains("First name: Zephyrine", myData);
        Assert.Contains("Email: zephyrine.q@example.org", myData);
        Assert.Contains("the campaign's web chat", myData);

        await later.SayAsync("forget me");
        await later.ClickAsync(new JObject { ["action"] = "forgetMeConfirmed" });
        var done = (await later.PollAsync()).Last().AsCard().Text();

        Assert.Contains("Erased: your vote, your pledge", done);
        Assert.Equal(0, (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total);
        Assert.Equal(0, await app.Services.GetRequiredService<IPledgeStore>().CountAsync(content.Id, content.CausesWithPledges.Single().Pledge!.Id));
    }

    [Fact]
    public async Task InATeamsPersonalChatMyDataFollowsThePersonAcrossChats()
    {
        using var app = new BotApplication(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var inOneChat = TeamsActivity("personal-chat-1");
        inOneChat["value"] = new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id };
        await app.ExpectRepliesAsync(inOneChat);

        var inAnother = TeamsActivity("personal-chat-2");
        inAnother["text"] = "my data";
        var replies = await app.ExpectRepliesAsync(inAnother);

        var text = Assert.Single(replies).AsCard().Text();
        Assert.Contains(content.Causes[1].Title, text);
        Assert.Contains("Microsoft Teams", text);
    }

    [Fact]
    public async Task InATeamsChannelStopAnswersWithoutSayingWhetherThePersonPledged()
    {
        using var app = new BotApplication(data.Path);
        var activity = TeamsActivity("19:channel@thread.tacv2", conversationType: "channel");
        activity["text"] = "stop";

        var text = Assert.Single(await app.ExpectRepliesAsync(activity)).AsCard().Text();

        Assert.Contains("If you had agreed to be contacted", text);
    }

    [Theory]
    [InlineData("channel", "my data", "Let's continue privately")]
    [InlineData("groupChat", "my data", "Let's continue privately")]
    [InlineData("groupChat", "pledge", "Let's take the pledge privately")]
    public async Task ATeamsGroupThatSaysSoOnlyByItsConversationTypeIsStillNoPlaceForPersonalData(string conversationType, string text, string answer)
    {
        using var app = new BotApplication(data.Path);
        var activity = TeamsActivity("19:shared@thread.v2", conversationType);
        ((JObject)activity["conversation"]!).Remove("isGroup");
        activity["text"] = text;

        var card = Assert.Single(await app.ExpectRepliesAsync(activity)).AsCard().Text();

        Assert.Contains(answer, card);
        Assert.DoesNotContain("What we have stored", card);
    }

    private static JObject TeamsActivity(string conversationId, string conversationType = "personal") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["serviceUrl"] = "http://localhost:50000",
        ["channelId"] = "msteams",
        ["from"] = new JObject { ["id"] = "29:teams-user", ["aadObjectId"] = "aad-0b7e" },
        ["recipient"] = new JObject { ["id"] = "28:bot" },
        ["conversation"] = new JObject
        {
            ["id"] = conversationId,
            ["conversationType"] = conversationType,
            ["isGroup"] = conversationType != "personal",
            ["tenantId"] = "tenant-contoso",
        },
        ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = "tenant-contoso" } },
        ["locale"] = "en-GB",
    };

    public void Dispose() => data.Dispose();
}
