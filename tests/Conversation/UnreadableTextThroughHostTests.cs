using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Input;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Conversation;

/// <summary>
/// Text that is not valid UTF-16 arriving at the real host: JSON may carry a lone surrogate as an
/// escape (<c>\ud800</c>), and the SDK's JSON reader (Newtonsoft.Json) hands the bot U+FFFD in its
/// place. Either way the person is told, and nothing is stored.
/// </summary>
public sealed class UnreadableTextThroughHostTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task ALoneSurrogateInANameOrEmailGetsAClearAnswerAndNothingIsStored()
    {
        using var app = new BotApplication(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var anna = new ChannelActivities("anna", "annas-chat");
        await app.ExpectRepliesAsync(anna.Message("pledge"));

        var nameAnswer = await PostRawAsync(app, anna.Message("Anna\\ud800"));
        Assert.Contains(SupporterText.UnreadableProblem, nameAnswer.AsCard().Text());
        Assert.Contains("What is your first name?", nameAnswer.AsCard().Text());

        await app.ExpectRepliesAsync(anna.Message("Anna"));
        var emailAnswer = await PostRawAsync(app, anna.Message("anna\\udc00@example.org"));
        Assert.Contains(SupporterText.UnreadableProblem, emailAnswer.AsCard().Text());
        Assert.Contains("What is your email address?", emailAnswer.AsCard().Text());
        await PostRawAsync(app, anna.Message("yes\\ud83d"));

        Assert.Equal(0, await app.Services.GetRequiredService<IPledgeStore>().CountAsync(content.Id, content.CausesWithPledges.Single().Pledge!.Id));
        Assert.DoesNotContain(await StoredTextAsync(app), text => text.Contains("example.org", StringComparison.Ordinal) || text.Contains('\uFFFD'));
    }

    [Fact]
    public async Task ALoneSurrogateInTheCardFormIsRefusedLikeATypedAnswer()
    {
        using var app = new BotApplication(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var anna = new ChannelActivities("anna", "annas-chat");
        await app.ExpectRepliesAsync(anna.Message("pledge"));
        var form = (await app.ExpectRepliesAsync(anna.Click(new JObject { ["action"] = "pledgeForm" }))).Last().AsCard();
        var submit = (JObject)form.Button("Continue").DeepClone()["data"]!;
        submit["firstName"] = "Anna";
        submit["email"] = "EMAIL";
        submit["consent"] = "true";

        var answer = await PostRawAsync(app, anna.Click(submit), "\"EMAIL\"", "\"anna\\ud800@example.org\"");

        Assert.Contains(SupporterText.UnreadableProblem, answer.AsCard().Text());
        Assert.Equal(0, await app.Services.GetRequiredService<IPledgeStore>().CountAsync(content.Id, content.CausesWithPledges.Single().Pledge!.Id));
    }

    [Fact]
    public async Task ALoneSurrogateInATypedCommandIsNotACommandAndGetsTheShortHelp()
    {
        using var app = new BotApplication(data.Path);
        var anna = new ChannelActivities("anna", "annas-chat");

        var help = await PostRawAsync(app, anna.Message("results\\ud800"));
        var zeroWidthHelp = await PostRawAsync(app, anna.Message("results\\u200b"));

        Assert.DoesNotContain("Results so far", help.AsCard().Text());
        Assert.Contains("Results so far", zeroWidthHelp.AsCard().Text());
    }

    [Fact]
    public async Task ALoneSurrogateThroughTheWebChatsDirectLineGetsTheSameClearAnswer()
    {
        using var app = BotApplication.StartOnKestrel(data.Path);
        var http = app.CreateClient();
        var client = new DirectLineClient(http);
        await client.StartAsync();
        await client.SayAsync("pledge");
        await client.PollAsync();

        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities")
        {
            Content = new StringContent("""{"type":"message","text":"Anna\ud800","from":{"id":"anna","role":"user"}}""", Encoding.UTF8, "application/json"),
        };
        post.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", client.Token);
        var posted = await http.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var reply = (await client.PollAsync()).Last(a => a["attachments"] is not null).AsCard().Text();
        Assert.Contains(SupporterText.UnreadableProblem, reply);
        Assert.Contains("What is your first name?", reply);
    }

    public void Dispose() => data.Dispose();

    /// <summary>
    /// Posts the activity as raw JSON, with <paramref name="placeholder"/> replaced by a JSON string
    /// written by hand, so that an escape such as <c>\ud800</c> reaches the host as sent. By default
    /// the message's text is the replacement: the text as given, escapes and all.
    /// </summary>
    private static async Task<JObject> PostRawAsync(BotApplication app, JObject activity, string? placeholder = null, string? json = null)
    {
        activity["deliveryMode"] = "expectReplies";
        string body;
        if (placeholder is null)
        {
            var text = activity.Value<string>("text")!;
            activity["text"] = "TEXT-PLACEHOLDER";
            body = activity.ToString().Replace("\"TEXT-PLACEHOLDER\"", $"\"{text}\"", StringComparison.Ordinal);
        }
        else
        {
            body = activity.ToString().Replace(placeholder, json, StringComparison.Ordinal);
        }

        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!.Children<JObject>().Last();
    }

    /// <summary>Every text value stored in the pledge and conversation tables.</summary>
    private static async Task<List<string>> StoredTextAsync(BotApplication app)
    {
        var file = Path.Combine(app.DataDirectory, "pledgebot.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        var texts = new List<string>();
        foreach (var query in new[] { "SELECT first_name || ' ' || email FROM pledges", "SELECT document FROM bot_state" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                texts.Add(reader.GetString(0));
            }
        }

        return texts;
    }
}
