using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// "Hear how it ends?" through the real host: asked after a vote or a pledge with nothing chosen
/// beforehand, in Teams (the personal chat) or by email in the web chat, never in a group; each
/// answer kept with a consent record; the conversation reference kept for a yes in Teams only;
/// asked once; "my data", "stop" and "forget me" covering it; forged answers storing nothing.
/// </summary>
public sealed class FollowUpOptInTests : IAsyncLifetime
{
    private const string Question = "Hear how it ends?";
    private readonly TempFolder data = new();
    private ConnectorStandIn teams = null!;
    private BotApplication app = null!;
    private CampaignContent content = null!;

    public async Task InitializeAsync()
    {
        teams = await ConnectorStandIn.StartAsync();
        app = new BotApplication(data.Path);
        content = app.Services.GetRequiredService<CurrentCampaign>().Content;
    }

    [Fact]
    public async Task AVoteInTheWebChatWithoutAnEmailSaysTheChatCannotReachThemLaterOnce()
    {
        var anna = new ChannelActivities("dl_anna", "anna-chat", "directline");

        var first = await SayAsync(anna.Click(Vote(0)));
        var changed = await SayAsync(anna.Click(Vote(1)));

        Assert.Contains("Your vote for", first[0].AsCard().Text());
        Assert.Contains("This chat cannot reach you later", first[^1].AsCard().Text());
        // Nothing to say yes to: the one button is the way to give an email, the pledge.
        Assert.Equal(["Take the pledge"], first[^1].AsCard().ButtonTitles());
        Assert.Single(changed);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_up_consents"));
    }

    [Fact]
    public async Task APledgeInTheWebChatOffersEmailWithNothingChosenAndAYesIsKeptWithItsConsentRecord()
    {
        var ben = new ChannelActivities("dl_ben", "ben-chat", "directline");

        var question = await PledgeAsync(ben, "Ben", "ben@example.org");

        Assert.Contains(Question, question.Text());
        Assert.Contains("Would you like an email", question.Text());
        Assert.Equal(["Yes, email me", "No, thanks"], question["actions"]!.Select(a => a.Value<string>("title")));
        Assert.DoesNotContain("isChecked", question.ToString(), StringComparison.Ordinal);
        Assert.False(question.ToString().Contains("\"value\"", StringComparison.Ordinal), "nothing is pre-selected");

        var answer = (await SayAsync(ben.Click((JObject)question.Button("Yes, email me")["data"]!)))[^1].AsCard();

        Assert.Contains("You chose: Yes, email me", answer.Text());
        Assert.Contains("We will email you when voting closes", answer.Text());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE status = 'subscribed' AND route = 'email' AND pledge_record_id IS NOT NULL AND conversation_reference IS NULL"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'yes' AND route = 'email' AND channel = 'directline' AND statement_language = 'en' AND statement_version >= 1"));
        Assert.Contains("Yes, by email, since", (await SayAsync(ben.Message("my data")))[^1].AsCard().Text());
    }

    [Fact]
    public async Task AVoteInATeamsPersonalChatOffersMessagesThereAndAYesKeepsTheChatsReferenceEncrypted()
    {
        var anna = new TeamsActivities(teams.ServiceUrl, "aad-anna", "a:personal-chat-of-anna", "personal");

        await PostAsync(anna.Message("vote"));
        var beforeClick = teams.Received.Count;
        var (_, invoke) = await PostAsync(anna.CardAction("vote", Vote(2)));

        Assert.Contains("Your vote for", ((JObject)invoke["value"]!).Text());
        var question = teams.Received.Skip(beforeClick).Single().AsCard();
        Assert.Contains(Question, question.Text());
        Assert.Equal(["Yes, message me here", "No, thanks"], question["actions"]!.Select(a => a.Value<string>("title")));

        await PostAsync(anna.Click((JObject)question.Button("Yes, message me here")["data"]!));

        Assert.Contains("We will message you here", teams.Received[^1].AsCard().Text());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE status = 'subscribed' AND route = 'teams' AND tenant_id = 'tenant-contoso' AND conversation_reference IS NOT NULL"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_ups WHERE conversation_reference LIKE '%personal-chat-of-anna%'"));

        var askedAgain = teams.Received.Count;
        await PostAsync(anna.CardAction("vote", Vote(3)));
        Assert.Equal(askedAgain, teams.Received.Count);
    }

    [Fact]
    public async Task NobodyIsAskedInATeamsGroupChat()
    {
        var anna = new TeamsActivities(teams.ServiceUrl, "aad-anna");

        var (status, _) = await PostAsync(anna.CardAction("vote", Vote(0)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(teams.Received);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_ups"));
    }

    [Fact]
    public async Task ANoIsKeptWithItsRecordAndIsNotAskedAgain()
    {
        var carla = new ChannelActivities("dl_carla", "carla-chat", "directline");
        var question = await PledgeAsync(carla, "Carla", "carla@example.org");

        var answer = (await SayAsync(carla.Click((JObject)question.Button("No, thanks")["data"]!)))[^1].AsCard();
        var vote = await SayAsync(carla.Click(Vote(0)));

        Assert.Contains("You chose: No, thanks", answer.Text());
        Assert.Contains("we will not send you updates", answer.Text());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'no'"));
        Assert.DoesNotContain(vote, reply => reply.AsCard().Text().Contains(Question, StringComparison.Ordinal) || reply.AsCard().Text().Contains("cannot reach", StringComparison.Ordinal));
        Assert.Contains("No (answered", (await SayAsync(carla.Message("my data")))[^1].AsCard().Text());
    }

    [Fact]
    public async Task StopEndsTheUpdatesAndForgetMeErasesTheAnswerAndItsRecords()
    {
        var dee = new ChannelActivities("dl_dee", "dee-chat", "directline");
        var question = await PledgeAsync(dee, "Dee", "dee@example.org");
        await SayAsync(dee.Click((JObject)question.Button("Yes, email me")["data"]!));

        await SayAsync(dee.Message("stop"));

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE status = 'withdrawn' AND route IS NULL AND pledge_record_id IS NULL"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'withdrawn'"));
        Assert.Contains("Stopped on", (await SayAsync(dee.Message("my data")))[^1].AsCard().Text());

        await PledgeConversation.ForgetMeAsync(app.CreateClient(), dee);

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_ups"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_up_consents"));
    }

    [Theory]
    [InlineData("yes", "teams")]
    [InlineData("yes", "pigeon")]
    [InlineData("maybe", "email")]
    [InlineData(null, "email")]
    public async Task AForgedOrAlteredAnswerStoresNothing(string? reply, string route)
    {
        var eve = new ChannelActivities("dl_eve", "eve-chat", "directline");
        var data = new JObject { ["action"] = "followUp", ["route"] = route, ["language"] = "en" };
        if (reply is not null)
        {
            data["reply"] = reply;
        }

        var (status, _) = await PostRawAsync(eve.Click(data));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_ups"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_up_consents"));
    }

    [Fact]
    public async Task AYesByEmailWithoutAPledgeIsRefusedPolitely()
    {
        var fay = new ChannelActivities("dl_fay", "fay-chat", "directline");

        var answer = (await SayAsync(fay.Click(new JObject { ["action"] = "followUp", ["reply"] = "yes", ["route"] = "email", ["language"] = "en" })))[^1].AsCard();

        Assert.Contains("We cannot send you updates that way", answer.Text());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM follow_ups"));
    }

    [Fact]
    public async Task TheQuestionAndItsRecordAreInThePersonsLanguage()
    {
        var gil = new ChannelActivities("dl_gil", "gil-chat", "directline");

        var question = await PledgeAsync(gil, "Gilles", "gilles@example.org", locale: "fr-FR");
        await SayAsync(gil.Click((JObject)question.Button("Oui, envoyez-moi un e-mail")["data"]!).WithLocale("fr-FR"));

        Assert.Contains("Savoir comment ça se termine ?", question.Text());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_up_consents WHERE statement_language = 'fr' AND locale = 'fr-FR'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM follow_ups WHERE language = 'fr'"));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
        data.Dispose();
    }

    private JObject Vote(int cause) => new() { ["action"] = "vote", ["causeId"] = content.Causes[cause].Id };

    /// <summary>Takes the pledge in the chat and returns the card after the thanks: the question.</summary>
    private async Task<JObject> PledgeAsync(ChannelActivities person, string firstName, string email, string locale = "en-GB")
    {
        IReadOnlyList<JObject> replies = [];
        foreach (var said in new[] { "pledge", firstName, email, "yes", "yes" })
        {
            replies = await SayAsync(person.Message(said).WithLocale(locale));
        }

        Assert.Contains(replies, reply => reply.AsCard().Text().Contains(firstName, StringComparison.Ordinal));
        return replies[^1].AsCard();
    }

    private async Task<IReadOnlyList<JObject>> SayAsync(JObject activity) => await ExpectReplies.PostAsync(app.CreateClient(), activity);

    private async Task<(HttpStatusCode Status, JObject Body)> PostRawAsync(JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JObject.Parse(text) : []);
    }

    private async Task<(HttpStatusCode Status, JObject Body)> PostAsync(JObject activity)
    {
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JObject.Parse(text) : []);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
