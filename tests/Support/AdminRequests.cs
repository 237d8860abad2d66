using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>The admin area as a tool uses it: the admin key as a bearer token.</summary>
public static class AdminRequests
{
    public const string Key = "a-long-random-admin-key-for-tests-7d21aa";

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Admin:Key"] = Key };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A client of <paramref name="app"/> that sends the admin key with every request.</summary>
    public static HttpClient CreateAdminClient(this BotApplication app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    /// <summary>Takes the campaign's pledge in a chat, typing each answer, as a supporter does.</summary>
    public static async Task PledgeAsync(this BotApplication app, ChannelActivities person, string firstName, string email)
    {
        foreach (var answer in new[] { "pledge", firstName, email, "yes", "yes" })
        {
            await app.ExpectRepliesAsync(person.Message(answer));
        }
    }

    public static Task VoteAsync(this BotApplication app, ChannelActivities person, string causeId) =>
        app.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "vote", ["causeId"] = causeId }));
}
