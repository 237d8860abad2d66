using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>One vote per person per campaign, on every database: each derived class runs these on one.</summary>
public abstract class VoteStoreTests : IAsyncLifetime
{
    private const string Campaign = "stand-with-them";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private DatabaseUnderTest database = null!;
    private IVoteStore store = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        store = database.VoteStore(clock);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [StoreFact]
    public async Task APersonsFirstVoteIsRecorded()
    {
        var result = await Vote("anna", "yemen-crisis");

        Assert.Equal(new VoteResult(VoteOutcome.Recorded, "yemen-crisis", null), result);
        Assert.Equal("yemen-crisis", await store.FindVoteAsync(Campaign, "anna"));
        Assert.Equal(1, (await store.GetTallyAsync(Campaign)).VotesFor("yemen-crisis"));
    }

    [StoreFact]
    public async Task DeliveriesAreRememberedForTwoDaysThenForgottenSoTheTableStaysSmall()
    {
        await store.RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "delivery-1"));
        clock.Advance(TimeSpan.FromDays(1));
        await store.RecordVoteAsync(new VoteRequest(Campaign, "ben", "yemen-crisis", "delivery-2"));
        Assert.Equal(2, await RememberedDeliveriesAsync());

        clock.Advance(TimeSpan.FromDays(1.5));
        await store.RecordVoteAsync(new VoteRequest(Campaign, "carl", "yemen-crisis", "delivery-3"));

        Assert.Equal(2, await RememberedDeliveriesAsync());
        Assert.Equal(3, (await store.GetTallyAsync(Campaign)).Total);
    }

    [StoreFact]
    public async Task ChangingTheVoteNamesThePreviousCauseAndMovesTheTally()
    {
        await Vote("anna", "yemen-crisis");

        var result = await Vote("anna", "protecting-innocence");

        Assert.Equal(new VoteResult(VoteOutcome.Changed, "protecting-innocence", "yemen-crisis"), result);
        var tally = await store.GetTallyAsync(Campaign);
        Assert.Equal(0, tally.VotesFor("yemen-crisis"));
        Assert.Equal(1, tally.VotesFor("protecting-innocence"));
        Assert.Equal(1, tally.Total);
    }

    [StoreFact]
    public async Task VotingAgainForTheSameCauseChangesNothing()
    {
        await Vote("anna", "yemen-crisis");

        var result = await Vote("anna", "yemen-crisis");

        Assert.Equal(VoteOutcome.Unchanged, result.Outcome);
        Assert.Equal("yemen-crisis", result.CauseId);
        Assert.Equal(1, (await store.GetTallyAsync(Campaign)).Total);
    }

    [StoreFact]
    public async Task ARequestDeliveredTwiceCountsOnceAndGetsTheSameAnswer()
    {
        var first = await Vote("anna", "yemen-crisis", request: "A");
        var again = await Vote("anna", "yemen-crisis", request: "A");

        Assert.Equal(first, again);
        Assert.Equal(VoteOutcome.Recorded, again.Outcome);
        Assert.Equal(1, (await store.GetTallyAsync(Campaign)).Total);
    }

    [StoreFact]
    public async Task ALateRedeliveryDoesNotFlipTheVoteBack()
    {
        var answerToA = await Vote("anna", "yemen-crisis", request: "A");
        await Vote("anna", "protecting-innocence", request: "B");

        var redeliveredA = await Vote("anna", "yemen-crisis", request: "A");

        Assert.Equal(answerToA, redeliveredA);
        Assert.Equal("protecting-innocence", await store.FindVoteAsync(Campaign, "anna"));
        var tally = await store.GetTallyAsync(Campaign);
        Assert.Equal(1, tally.VotesFor("protecting-innocence"));
        Assert.Equal(0, tally.VotesFor("yemen-crisis"));
    }

    [StoreFact]
    public async Task TwentyConcurrentVotesByOnePersonCountOnce()
    {
        string[] causes = ["yemen-crisis", "protecting-innocence"];

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Vote("anna", causes[i % 2], request: $"request-{i}"))));

        var tally = await store.GetTallyAsync(Campaign);
        Assert.Equal(1, tally.Total);
        Assert.Single(results, r => r.Outcome == VoteOutcome.Recorded);
        Assert.Contains(await store.FindVoteAsync(Campaign, "anna"), causes);
    }

    [StoreFact]
    public async Task ConcurrentVotesByManyPeopleAreAllCounted()
    {
        string[] causes = ["yemen-crisis", "protecting-innocence", "burundi-refugees-tanzania"];

        var results = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(i => Task.Run(() => Vote($"person-{i}", causes[i % 3]))));

        Assert.All(results, r => Assert.Equal(VoteOutcome.Recorded, r.Outcome));
        var tally = await store.GetTallyAsync(Campaign);
        Assert.Equal(60, tally.Total);
        Assert.All(causes, cause => Assert.Equal(20, tally.VotesFor(cause)));
    }

    [StoreFact]
    public async Task VotesSurviveReopeningTheDatabase()
    {
        await Vote("anna", "yemen-crisis", request: "A");
        await Vote("ben", "protecting-innocence");

        var reopened = database.ReopenedVoteStore(TimeProvider.System);

        Assert.Equal("yemen-crisis", await reopened.FindVoteAsync(Campaign, "anna"));
        Assert.Equal(2, (await reopened.GetTallyAsync(Campaign)).Total);
        var redelivered = await reopened.RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "A"));
        Assert.Equal(VoteOutcome.Recorded, redelivered.Outcome);
        Assert.Equal(2, (await reopened.GetTallyAsync(Campaign)).Total);
    }

    [StoreFact]
    public async Task TalliesAreKeptPerCampaign()
    {
        await Vote("anna", "yemen-crisis");
        var otherCampaign = await store.RecordVoteAsync(new VoteRequest("another-campaign", "anna", "clean-water", "other-1"));

        Assert.Equal(VoteOutcome.Recorded, otherCampaign.Outcome);
        Assert.Equal(1, (await store.GetTallyAsync(Campaign)).Total);
        Assert.Equal(0, (await store.GetTallyAsync(Campaign)).VotesFor("clean-water"));
        Assert.Equal(1, (await store.GetTallyAsync("another-campaign")).VotesFor("clean-water"));
        Assert.Equal(0, (await store.GetTallyAsync("nobody-voted-here")).Total);
    }

    [StoreFact]
    public async Task VotingAgainForTheSameCauseKeepsTheTimeItWasCast()
    {
        await Vote("anna", "yemen-crisis");
        clock.Advance(TimeSpan.FromDays(1));

        await store.RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "delivery-again"));

        var timeline = await store.GetTimelineAsync(Campaign, clock.GetUtcNow().AddDays(-3));
        Assert.Equal([new VotesOnDay(new DateOnly(2026, 11, 26), 1)], timeline.PerDay);
        Assert.Equal([new VotesInHour(new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc), 1)], timeline.PerHour);
    }

    [StoreFact]
    public async Task AChangedVoteIsDatedWhenItWasChanged()
    {
        await Vote("anna", "yemen-crisis");
        clock.Advance(TimeSpan.FromHours(25));

        await store.RecordVoteAsync(new VoteRequest(Campaign, "anna", "protecting-innocence", "delivery-change"));

        var timeline = await store.GetTimelineAsync(Campaign, clock.GetUtcNow().AddDays(-3));
        Assert.Equal([new VotesOnDay(new DateOnly(2026, 11, 27), 1)], timeline.PerDay);
        Assert.Equal([new VotesInHour(new DateTime(2026, 11, 27, 13, 0, 0, DateTimeKind.Utc), 1)], timeline.PerHour);
    }

    [StoreFact]
    public async Task TheTimelineListsHoursFromTheHourGivenOnlyAndKeepsCampaignsApart()
    {
        await Vote("anna", "yemen-crisis");
        clock.Advance(TimeSpan.FromHours(2.5));
        await Vote("ben", "yemen-crisis");
        await store.RecordVoteAsync(new VoteRequest("another-campaign", "carl", "yemen-crisis", "delivery-other"));

        var timeline = await store.GetTimelineAsync(Campaign, new DateTimeOffset(2026, 11, 26, 13, 59, 0, TimeSpan.Zero));

        Assert.Equal([new VotesOnDay(new DateOnly(2026, 11, 26), 2)], timeline.PerDay);
        Assert.Equal([new VotesInHour(new DateTime(2026, 11, 26, 14, 0, 0, DateTimeKind.Utc), 1)], timeline.PerHour);
    }

    private Task<VoteResult> Vote(string person, string cause, string? request = null) =>
        store.RecordVoteAsync(new VoteRequest(Campaign, person, cause, request ?? Guid.NewGuid().ToString("N")));

    private Task<long> RememberedDeliveriesAsync() => database.CountAsync("SELECT count(*) FROM vote_requests");
}
