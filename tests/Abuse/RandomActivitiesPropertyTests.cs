using System.Net;
using System.Text;
using CsCheck;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>
/// Random activities, well-formed and not, thrown at /api/messages by a handful of "people" so
/// that conversations build up state between throws: the host never answers 500, and whatever
/// it stores is a record it could have stored for a real person.
/// </summary>
public sealed class RandomActivitiesPropertyTests : IDisposable
{
    private static readonly string[] People = ["anna", "ben", "carla", "dara"];
    private static readonly string[] Channels = ["emulator", "msteams", "directline", "webchat", "test", ""];

    private static readonly string[] Actions =
    [
        "menu", "stories", "voteMenu", "vote", "results", "pledge", "pledgeForm", "pledgeFormSubmit", "pledgeConfirm",
        "reply", "cancel", "share", "shareInTeams", "help", "myData", "forgetMe", "forgetMeConfirmed", "stop", "no-such-action",
    ];

    private static readonly string[] Words =
    [
        "hi", "menu", "pledge", "vote", "results", "help", "cancel", "stop", "my data", "forget me", "yes", "no", "Anna",
        "anna@example.org", "ANNA@EXAMPLE.ORG", "anna\u200b@example.org", "\ud800", "\u202eevil", "", " ", "<script>alert(1)</script>",
        "' OR 1=1 --", "Ünïcödé", "مرحبا", "名前",
    ];

    private readonly TempFolder data = new();

    private static Gen<JToken> AnyJson => Gen.Recursive<JToken>((depth, inner) => depth > 3
        ? Gen.OneOf<JToken>(Gen.Int.Select(i => (JToken)i), Gen.String.Select(s => (JToken)s), Gen.Const((JToken)JValue.CreateNull()))
        : Gen.Frequency<JToken>(
            (3, Gen.String.Select(s => (JToken)s)),
            (2, Gen.Int.Select(i => (JToken)i)),
            (1, Gen.Bool.Select(b => (JToken)b)),
            (1, Gen.Const((JToken)JValue.CreateNull())),
            (2, inner.Array[0, 4].Select(items => (JToken)new JArray(items))),
            (2, Gen.Select(Gen.Frequency((3, Gen.OneOf("action", "causeId", "reply", "firstName", "email")), (1, Gen.String)), inner)
                .Array[0, 4]
                .Select(pairs =>
                {
                    var json = new JObject();
                    foreach (var (name, value) in pairs)
                    {
                        json[name] = value;
                    }

                    return (JToken)json;
                }))));

    /// <summary>Card data as a button would send it, altered at random.</summary>
    private static Gen<JToken> ButtonValue => Gen.Select(
        Gen.Frequency((3, Gen.OneOf("vote", "pledgeFormSubmit", "pledgeConfirm", "reply")), (2, Gen.OneOf(Actions))),
        Gen.Frequency((4, Gen.OneOf<string?>("yemen-crisis", "protecting-innocence", "not-on-my-screen")), (1, Gen.OneOf<string?>(null, "no-such-cause", ""))),
        Gen.OneOf<string?>(null, "Anna", "Help", "", "x"),
        Gen.OneOf<string?>(null, "anna@example.org", "not-an-email", "b@example.org"),
        Gen.OneOf<JToken?>(null, "true", "false", 1, new JArray()),
        (action, cause, firstName, email, consent) => (JToken)new JObject
        {
            ["action"] = action,
            ["causeId"] = cause,
            ["pledgeId"] = cause,
            ["reply"] = firstName,
            ["firstName"] = firstName,
            ["email"] = email,
            ["consent"] = consent,
        });

    private static Gen<string> Activity => Gen.Select(
        Gen.OneOf("message", "message", "message", "event", "invoke", "conversationUpdate", "typing", "??"),
        Gen.OneOf(People),
        Gen.OneOf(Channels),
        Gen.Bool,
        Gen.OneOf(Gen.OneOf(Words).Select(w => (JToken)w), AnyJson),
        Gen.Frequency((4, ButtonValue), (1, AnyJson), (1, Gen.Const((JToken)JValue.CreateNull()))),
        Gen.OneOf<JToken>("en-GB", "fr-CA", "ar", "x-invalid-locale-that-is-far-too-long-for-anything", 12, JValue.CreateNull()),
        (type, person, channel, isGroup, text, value, locale) => new JObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["channelId"] = channel,
            ["from"] = new JObject { ["id"] = person, ["aadObjectId"] = channel == "msteams" ? person : null },
            ["recipient"] = new JObject { ["id"] = "bot" },
            ["conversation"] = new JObject { ["id"] = $"{person}-chat", ["isGroup"] = isGroup },
            ["text"] = text,
            ["value"] = value,
            ["locale"] = locale,
            ["deliveryMode"] = "expectReplies",
            ["name"] = type == "invoke" ? "adaptiveCard/action" : null,
        }.ToString());

    /// <summary>A well-formed vote click, so that every run stores votes to check (random shapes alone rarely make one).</summary>
    private static Gen<string> VoteClick => Gen.Select(
        Gen.OneOf(People),
        Gen.OneOf("emulator", "msteams", "directline", "webchat", "test"),
        Gen.OneOf("yemen-crisis", "protecting-innocence"),
        (person, channel, cause) => new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["channelId"] = channel,
            ["from"] = new JObject { ["id"] = person, ["aadObjectId"] = channel == "msteams" ? person : null },
            ["recipient"] = new JObject { ["id"] = "bot" },
            ["conversation"] = new JObject { ["id"] = $"{person}-chat" },
            ["value"] = new JObject { ["action"] = "vote", ["causeId"] = cause },
            ["deliveryMode"] = "expectReplies",
        }.ToString());

    /// <summary>Sometimes not an activity at all: cut short, not JSON, or JSON of another shape.</summary>
    private static Gen<string> Body => Gen.Frequency(
        (8, Activity),
        (2, VoteClick),
        (1, Activity.Select(json => json[..(json.Length / 2)])),
        (1, Gen.String),
        (1, AnyJson.Select(json => json.ToString())));

    [Fact]
    public async Task RandomActivitiesNeverGetA500AndNeverLeaveAnInvalidRecord()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Outbound:MaxRetries"] = "0" });
        var client = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var answered = 0;

        await Body.SampleAsync(
            async body =>
            {
                var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
                var answer = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"500 for {body}");
                Assert.DoesNotContain("   at ", answer, StringComparison.Ordinal);
                answered += response.IsSuccessStatusCode ? 1 : 0;
            },
            iter: 300,
            threads: 1);

        // The throws reach the bot, not just the door: most of them are answered.
        Assert.True(answered > 100, $"only {answered} of 300 were answered");
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")}");
        await connection.OpenAsync();
        var causes = content.Causes.Select(c => c.Id).ToHashSet();
        var votes = await ColumnAsync(connection, "SELECT cause_id FROM votes");
        Assert.NotEmpty(votes);
        foreach (var cause in votes)
        {
            Assert.Contains(cause, causes);
        }

        var pledgeIds = content.CausesWithPledges.Select(c => c.Pledge!.Id).ToHashSet();
        await using var pledges = connection.CreateCommand();
        pledges.CommandText = "SELECT pledge_id, first_name, email FROM pledges";
        await using var reader = await pledges.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Assert.Contains(reader.GetString(0), pledgeIds);
            Assert.False(string.IsNullOrWhiteSpace(protector.Unprotect(reader.GetString(1))));
            Assert.Contains("@", protector.Unprotect(reader.GetString(2)));
        }

        // A handful of people in a handful of conversations: state is kept per conversation, not per throw.
        Assert.True(await CountAsync(connection, "SELECT count(*) FROM bot_state") <= People.Length * Channels.Length * 2);
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => data.Dispose();
}
