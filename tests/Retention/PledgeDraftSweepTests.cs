using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Retention;

/// <summary>The host's sweep of unfinished pledges left in conversations nobody came back to, on a fake clock.</summary>
public sealed class PledgeDraftSweepTests : IDisposable
{
    private const string ReferralCode = "abcdefghij";
    private readonly TempFolder data = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private DataFolderRows Rows => new(data.Path);

    [Fact]
    public async Task ADraftUntouchedFor31MinutesIsSweptFromTheStoredStateAFreshOneStaysAndTheReferralStays()
    {
        using var host = new BotApplication(data.Path, testServices: services => services.AddSingleton<TimeProvider>(clock));
        var anna = new ChannelActivities("anna", "anna-chat", channelId: "webchat");
        await host.ExpectRepliesAsync(JoinedFromShareLink(anna));
        await host.ExpectRepliesAsync(anna.Message("pledge"));
        await host.ExpectRepliesAsync(anna.Message("Anna"));
        var annaETag = await StateAsync("anna-chat", "etag");
        var annaUpdatedAt = await StateAsync("anna-chat", "updated_at");
        Assert.Contains("ProtectedFirstName", await StateAsync("anna-chat", "document"));

        clock.Advance(TimeSpan.FromMinutes(26));
        var ben = new ChannelActivities("ben", "ben-chat");
        await host.ExpectRepliesAsync(ben.Message("pledge"));
        await host.ExpectRepliesAsync(ben.Message("Ben"));
        clock.Advance(TimeSpan.FromMinutes(5));

        await Eventually.TrueAsync(async () => await StateAsync("anna-chat", "etag") != annaETag, "Anna's untouched state was rewritten");
        var annaFlow = JObject.Parse(await StateAsync("anna-chat", "document"))["ConversationFlow"]!;
        Assert.Equal(JTokenType.Null, annaFlow["Pledge"]!.Type);
        Assert.Equal(ReferralCode, (string?)annaFlow["Referral"]!["Code"]);
        Assert.Equal(annaUpdatedAt, await StateAsync("anna-chat", "updated_at"));
        var benFlow = JObject.Parse(await StateAsync("ben-chat", "document"))["ConversationFlow"]!;
        Assert.Equal(JTokenType.Object, benFlow["Pledge"]!.Type);
    }

    public void Dispose() => data.Dispose();

    /// <summary>What the chat page sends when opened from a share link.</summary>
    private static JObject JoinedFromShareLink(ChannelActivities person)
    {
        var join = person.Message("");
        join["type"] = "event";
        join.Remove("text");
        join["name"] = "webchat/join";
        join["value"] = new JObject { ["referral"] = ReferralCode };
        return join;
    }

    private async Task<string> StateAsync(string conversationId, string column) =>
        (string)(await Rows.ScalarAsync($"SELECT {column} FROM bot_state WHERE state_key LIKE $key", ("$key", $"%/conversations/{conversationId}")))!;
}
