using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Http;

public sealed class TurnErrorTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task AFailingTurnApologisesSaysWhatToTypeAndKeepsEarlierVotes()
    {
        var content = ShippedCampaign.Load();
        var user = new ChannelActivities();
        using (var healthy = new BotApplication(data.Path))
        {
            await healthy.ExpectRepliesAsync(user.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id }));
        }

        using var failing = new BotApplication(data.Path, testServices: services => services.AddSingleton<IVoteStore, FaultyVoteStore>());
        var replies = await failing.ExpectRepliesAsync(user.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id }));

        var apology = Assert.Single(replies);
        Assert.Contains("something went wrong", apology.Value<string>("text"));
        Assert.Contains("menu", apology.Value<string>("text"));
        Assert.DoesNotContain("Exception", apology.ToString());
        // The turn failed: whether anything was stored is not known, so nothing is promised.
        Assert.DoesNotContain("safe", apology.Value<string>("text"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("my data", apology.Value<string>("text"));
        var votes = failing.Services.GetRequiredService<SqliteDatabase>();
        var tally = await new SqliteVoteStore(votes, TimeProvider.System).GetTallyAsync(content.Id);
        Assert.Equal(1, tally.VotesFor(content.Causes[0].Id));
    }

    [Fact]
    public async Task AfterAFailedTurnTheConversationStartsAfresh()
    {
        var user = new ChannelActivities();
        using var app = new BotApplication(data.Path, testServices: services => services.AddSingleton<IVoteStore, FaultyVoteStore>());
        await app.ExpectRepliesAsync(user.Message("pledge"));
        await app.ExpectRepliesAsync(user.Message("Anna"));

        await app.ExpectRepliesAsync(user.Message("vote")); // typed during the pledge: an email answer...
        await app.ExpectRepliesAsync(user.Click(new JObject { ["action"] = "voteMenu" })); // ...a button fails

        var next = Assert.Single(await app.ExpectRepliesAsync(user.Message("anna@example.org"))).AsCard();
        Assert.Contains("Sorry, I didn't catch that", next.Text());
    }

    public void Dispose() => data.Dispose();
}

/// <summary>A vote store whose reads and writes fail, as a lost database connection would.</summary>
internal sealed class FaultyVoteStore : IVoteStore
{
    public Task<VoteResult> RecordVoteAsync(VoteRequest request, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The database went away.");

    public Task<string?> FindVoteAsync(string campaignId, string personKey, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The database went away.");

    public Task<VoteTally> GetTallyAsync(string campaignId, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The database went away.");

    public Task<VoteTimeline> GetTimelineAsync(string campaignId, DateTimeOffset hoursFrom, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The database went away.");
}
