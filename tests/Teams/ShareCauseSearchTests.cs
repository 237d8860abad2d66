using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Teams;

public sealed class ShareCauseSearchTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Theory]
    [InlineData("", 4)]
    [InlineData("refugee", 2)]
    [InlineData("YEMEN", 1)]
    [InlineData("no such cause", 0)]
    public async Task TypingFiltersTheCausesByTitle(string typed, int expected)
    {
        var response = await SearchAsync(typed);

        var attachments = response["composeExtension"]!["attachments"]!.Children<JObject>().ToList();
        Assert.Equal("result", response["composeExtension"]!.Value<string>("type"));
        Assert.Equal(expected, attachments.Count);
        Assert.All(attachments, a => Assert.Contains(typed, a["preview"]!["content"]!.Value<string>("title")!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ChoosingACauseInsertsItsStoryCardWithAPreview()
    {
        var cause = bot.Content.Causes[2];

        var attachment = (JObject)(await SearchAsync("yemen"))["composeExtension"]!["attachments"]![0]!;

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.Value<string>("contentType"));
        var card = (JObject)attachment["content"]!;
        Assert.Contains(cause.Title, card.Text());
        Assert.Equal("Action.Execute", card.Button("Vote for this cause").Value<string>("type"));
        Assert.Null(card["refresh"]!["userIds"]);
        var preview = attachment["preview"]!;
        Assert.Equal("application/vnd.microsoft.card.thumbnail", preview.Value<string>("contentType"));
        Assert.Equal(cause.Summary, preview["content"]!.Value<string>("text"));
        Assert.EndsWith(cause.Image.File, preview["content"]!["images"]![0]!.Value<string>("url"));
    }

    public void Dispose() => bot.Dispose();

    private async Task<JObject> SearchAsync(string typed) =>
        await bot.TeamsChat("aad-anna", "group-1", "groupChat").InvokeAsync("composeExtension/query", new
        {
            commandId = "shareCause",
            parameters = new[] { new { name = "searchQuery", value = typed } },
            queryOptions = new { skip = 0, count = 25 },
        });
}
