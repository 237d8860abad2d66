using System.Net;
using PledgeBot.BotFramework;

namespace PledgeBot.Tests.Outbound;

public sealed class ChannelPacingHandlerTests : IDisposable
{
    private readonly HttpMessageInvoker http = new(new ChannelPacingHandler(new ChannelPace(messagesPerSecondPerConversation: 7, requestsPerSecondPerTenant: 50))
    {
        InnerHandler = new AlwaysOk(),
    });

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1personal-chat/activities")]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1personal-chat/activities/1712345678901")]
    public void MessagesAndRepliesToAConversationSharePace(string url) =>
        Assert.Equal(
            "https://smba.trafficmanager.net/a%3A1personal-chat",
            ChannelPacingHandler.ConversationKey(new HttpRequestMessage(HttpMethod.Post, url)));

    [Fact]
    public void TheBuiltInDirectLinesConversationsArePacedToo() =>
        Assert.Equal(
            "http://127.0.0.1:3978/Gz4k",
            ChannelPacingHandler.ConversationKey(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:3978/directline-connector/key/v3/conversations/Gz4k/activities")));

    [Theory]
    [InlineData("POST", "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")]
    [InlineData("POST", "https://smba.trafficmanager.net/emea/v3/conversations")]
    [InlineData("PUT", "https://smba.trafficmanager.net/emea/v3/conversations/a%3A1personal-chat/activities/1712345678901")]
    [InlineData("GET", "https://smba.trafficmanager.net/emea/v3/conversations/a%3A1personal-chat/members")]
    public void OtherRequestsAreNotPaced(string method, string url) =>
        Assert.Null(ChannelPacingHandler.ConversationKey(new HttpRequestMessage(new HttpMethod(method), url)));

    [Fact]
    public async Task TheEighthMessageInASecondWaitsWhileTokenRequestsGoStraightThrough()
    {
        var messages = Enumerable.Range(0, 8)
            .Select(_ => Send("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1personal-chat/activities"))
            .ToList();
        var tokenRequests = Enumerable.Range(0, 20)
            .Select(_ => Send("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"))
            .ToList();

        Assert.All(messages.Take(7), m => Assert.True(m.IsCompletedSuccessfully));
        Assert.False(messages[7].IsCompleted);
        Assert.All(tokenRequests, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(HttpStatusCode.OK, (await messages[7]).StatusCode); // it waited, it did not fail
    }

    public void Dispose() => http.Dispose();

    private Task<HttpResponseMessage> Send(string url) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Post, url), CancellationToken.None);

    private sealed class AlwaysOk : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
