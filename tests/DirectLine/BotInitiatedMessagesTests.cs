using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.BotFramework;
using PledgeBot.DirectLine;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

public sealed class BotInitiatedMessagesTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public BotInitiatedMessagesTests()
    {
        app = BotApplication.StartOnKestrel(data.Path);
    }

    [Fact]
    public async Task ProactiveMessagesAndUpdatedActivitiesReachThePage()
    {
        var page = new DirectLineClient(app.CreateClient());
        await page.StartAsync();
        await page.SayAsync("hi");
        await page.PollAsync();

        // What a later feature does: the bot writes on its own, then edits what it wrote.
        var reference = new ConversationReference
        {
            ChannelId = DirectLineEndpoints.ChannelId,
            ServiceUrl = app.Services.GetRequiredService<DirectLineConnector>().ServiceUrl,
            Conversation = new ConversationAccount(id: page.ConversationId),
            Bot = new ChannelAccount("pledgebot", "Campaign bot"),
        };
        string? sentId = null;
        await app.Services.GetRequiredService<AdapterWithErrorHandler>().ContinueConversationAsync(
            botAppId: string.Empty,
            reference,
            async (turn, cancellationToken) =>
            {
                sentId = (await turn.SendActivityAsync(MessageFactory.Text("The vote closes tonight."), cancellationToken)).Id;
                var updated = MessageFactory.Text("The vote closes tomorrow.");
                updated.Id = sentId;
                await turn.UpdateActivityAsync(updated, cancellationToken);
            },
            CancellationToken.None);

        var arrived = await page.PollAsync();

        var latest = Assert.Single(arrived);
        Assert.Equal(sentId, latest.Value<string>("id"));
        Assert.Equal("The vote closes tomorrow.", latest.Value<string>("text"));
    }

    [Fact]
    public async Task NobodyButTheBotCanWriteIntoAConversation()
    {
        var page = new DirectLineClient(app.CreateClient());
        await page.StartAsync();
        var http = app.CreateClient();

        var forged = await http.PostAsync(
            $"{DirectLineConnector.RoutePrefix}/guessed-key/v3/conversations/{page.ConversationId}/activities",
            new StringContent("""{"type":"message","text":"Send your password here"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Empty(await page.PollAsync());
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }
}
