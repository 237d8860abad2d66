using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// One web-chat person is one browser: its user id stays in a signed cookie, so new tokens
/// (reloads, new tabs, a restart) are the same person and cannot vote twice.
/// </summary>
// Tests that only look at tokens and cookies share one host (each browser is a new client);
// those that count votes or restart the host start their own.
public sealed class WebChatPersonTests(SharedKestrelBotApplication shared) : IClassFixture<SharedKestrelBotApplication>, IDisposable
{
    private readonly TempFolder data = new();
    private readonly List<BotApplication> hosts = [];

    [Fact]
    public async Task EveryTokenOfOneBrowserHasTheSameUserId()
    {
        var browser = shared.App.CreateClient();

        var first = await IssueAsync(browser);
        var second = await IssueAsync(browser);

        Assert.StartsWith("dl_", first.Value<string>("userId"));
        Assert.Equal(first.Value<string>("userId"), second.Value<string>("userId"));
        Assert.NotEqual(first.Value<string>("conversationId"), second.Value<string>("conversationId"));
    }

    [Fact]
    public async Task TheCookieIsHttpOnlyStrictLongLivedAndOnlyForTheTokenEndpoint()
    {
        var response = await shared.App.CreateClient().PostAsync("/api/directline/token", null);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("pledgebot-chat-user=dl_", cookie);
        Assert.Contains("path=/api/directline", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains($"max-age={(int)TimeSpan.FromDays(365).TotalSeconds}", cookie);
        Assert.DoesNotContain("secure", cookie); // plain http here; https requests get Secure
    }

    [Fact]
    public async Task VotingAgainFromASecondChatInTheSameBrowserMovesTheTallyByOne()
    {
        var app = Start();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var browser = app.CreateClient();

        Assert.Contains("is recorded", await VoteAsync(new DirectLineClient(browser), content.Causes[0].Id));
        Assert.Contains("You changed your vote", await VoteAsync(new DirectLineClient(browser), content.Causes[1].Id));

        var tally = await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id);
        Assert.Equal(1, tally.Total);
        Assert.Equal(1, tally.VotesFor(content.Causes[1].Id));
    }

    [Fact]
    public async Task AnotherBrowserIsAnotherPerson()
    {
        var app = Start();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;

        Assert.Contains("is recorded", await VoteAsync(new DirectLineClient(app.CreateClient()), content.Causes[0].Id));
        Assert.Contains("is recorded", await VoteAsync(new DirectLineClient(app.CreateClient()), content.Causes[0].Id));

        Assert.Equal(2, (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total);
    }

    [Fact]
    public async Task TheBrowserIsStillTheSamePersonAfterARestart()
    {
        var response = await Start().CreateClient().PostAsync("/api/directline/token", null);
        var before = await DirectLineClient.ReadJsonAsync(response, HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        hosts.ForEach(host => host.Dispose());

        var after = await IssueWithCookieAsync(Start().CreateClient(), cookie);

        Assert.Equal(before.Value<string>("userId"), after.Value<string>("userId"));
    }

    [Theory]
    [InlineData("dl_chosen-by-the-client")]
    [InlineData("dl_chosen-by-the-client.c2lnbmF0dXJl")]
    [InlineData("dl_chosen-by-the-client.")]
    [InlineData("..")]
    public async Task ACookieTheServerDidNotSignIsIgnored(string forged)
    {
        var app = shared.App;

        var issued = await IssueWithCookieAsync(app.CreateClient(), $"pledgebot-chat-user={forged}");

        Assert.StartsWith("dl_", issued.Value<string>("userId"));
        Assert.DoesNotContain("chosen-by-the-client", issued.Value<string>("userId"));
    }

    [Fact]
    public async Task AUserIdInTheTokenRequestIsIgnored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token")
        {
            Content = new StringContent("""{"user":{"id":"dl_chosen-by-the-client"},"userId":"dl_chosen-by-the-client"}""", System.Text.Encoding.UTF8, "application/json"),
        };

        var issued = await DirectLineClient.ReadJsonAsync(await shared.App.CreateClient().SendAsync(request), HttpStatusCode.OK);

        Assert.DoesNotContain("chosen-by-the-client", issued.Value<string>("userId"));
    }

    public void Dispose()
    {
        hosts.ForEach(host => host.Dispose());
        data.Dispose();
    }

    private BotApplication Start()
    {
        var host = BotApplication.StartOnKestrel(data.Path);
        hosts.Add(host);
        return host;
    }

    private static async Task<JObject> IssueAsync(HttpClient browser) =>
        await DirectLineClient.ReadJsonAsync(await browser.PostAsync("/api/directline/token", null), HttpStatusCode.OK);

    private static async Task<JObject> IssueWithCookieAsync(HttpClient http, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        request.Headers.Add("Cookie", cookie);
        return await DirectLineClient.ReadJsonAsync(await http.SendAsync(request), HttpStatusCode.OK);
    }

    /// <summary>A new chat (a new token, as a reload gets) that votes; returns what the bot answered.</summary>
    private static async Task<string> VoteAsync(DirectLineClient chat, string causeId)
    {
        await chat.StartAsync();
        await chat.ClickAsync(new JObject { ["action"] = "vote", ["causeId"] = causeId });
        // The results, before the note that the web chat cannot reach the person later.
        return (await chat.PollAsync()).Where(a => a["attachments"] is not null).ToList().Answer().Text();
    }
}
