using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace PledgeBot.Tests.Storage;

/// <summary>Share link counters, on every database: each derived class runs these on one.</summary>
public abstract class ReferralStoreTests : IAsyncLifetime
{
    protected const string Campaign = "stand-with-them";

    // Two sharers' codes, issued before each test, and three people their links bring.
    protected const string Anna = "abcdefghij";
    protected const string Ben = "kmnpqrstuv";
    protected const string Friend = "person-key-of-a-friend";
    private const string OtherFriend = "person-key-of-another-friend";
    private const string ThirdFriend = "person-key-of-a-third-friend";

    protected DatabaseUnderTest Database { get; private set; } = null!;

    protected IReferralStore Store { get; private set; } = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Store = Database.ReferralStore(TimeProvider.System);
        await Store.RecordIssuedCodeAsync(Campaign, Anna);
        await Store.RecordIssuedCodeAsync(Campaign, Ben);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [StoreFact]
    public async Task VisitsVotesAndPledgesAreCountedPerCodeAndCause()
    {
        await Store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await Store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await Store.RecordVisitAsync(Campaign, Anna, "protecting-innocence");
        await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);
        await Store.RecordConversionAsync(Campaign, Anna, "protecting-innocence", ReferralConversion.Pledge, Friend);
        await Store.RecordConversionAsync(Campaign, Ben, "yemen-crisis", ReferralConversion.Vote, Friend);

        var counts = await Store.GetCountsAsync(Campaign);

        Assert.Equal(
            [
                new ReferralCounts(Anna, "protecting-innocence", 1, 0, 1),
                new ReferralCounts(Anna, "yemen-crisis", 2, 1, 0),
                new ReferralCounts(Ben, "yemen-crisis", 0, 1, 0),
            ],
            counts);
    }

    [StoreFact]
    public async Task ACampaignSeesOnlyItsOwnCounts()
    {
        await Store.RecordIssuedCodeAsync("another-campaign", Anna);
        await Store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await Store.RecordVisitAsync("another-campaign", Anna, "yemen-crisis");

        Assert.Single(await Store.GetCountsAsync(Campaign));
        Assert.Empty(await Store.GetCountsAsync("no-such-campaign"));
    }

    [StoreFact]
    public async Task TheCountsAreStillThereAfterTheDatabaseIsReopened()
    {
        await Store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);

        var reopened = Database.ReopenedReferralStore(TimeProvider.System);
        await reopened.RecordVisitAsync(Campaign, Anna, "yemen-crisis");

        await reopened.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);

        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 2, 1, 0)], await reopened.GetCountsAsync(Campaign));
    }

    [StoreFact]
    public async Task ConcurrentVisitsAreCountedExactly()
    {
        // Separate stores over the same database, each opened on its own, as several instances of the bot are.
        const int visits = 200;
        var instances = Enumerable.Range(0, 4).Select(_ => Database.ReopenedReferralStore(TimeProvider.System)).ToList();
        await Task.WhenAll(Enumerable.Range(0, visits).Select(i => Task.Run(() =>
            instances[i % instances.Count].RecordVisitAsync(Campaign, i % 2 == 0 ? Anna : Ben, "yemen-crisis"))));

        var counts = await Store.GetCountsAsync(Campaign);

        Assert.Equal(visits / 2, counts.Single(c => c.Code == Anna).Visits);
        Assert.Equal(visits / 2, counts.Single(c => c.Code == Ben).Visits);
    }

    [StoreFact]
    public async Task ConcurrentVisitsAndConversionsOfOneRowAreAllKept()
    {
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => (i % 3) switch
        {
            0 => Store.RecordVisitAsync(Campaign, Anna, "yemen-crisis"),
            1 => Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, $"friend-{i}"),
            _ => Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, $"friend-{i}"),
        })));

        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 20, 20, 20)], await Store.GetCountsAsync(Campaign));
    }

    [StoreFact]
    public async Task APersonCountsOncePerCodeAndKindHoweverOftenTheyConvert()
    {
        var counted = new List<bool>();
        foreach (var cause in new[] { "yemen-crisis", "yemen-crisis", "protecting-innocence", "yemen-crisis", "rohingya-refugees-india" })
        {
            counted.Add(await Store.RecordConversionAsync(Campaign, Anna, cause, ReferralConversion.Vote, Friend));
        }

        counted.Add(await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, Friend));
        counted.Add(await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, OtherFriend));
        counted.Add(await Store.RecordConversionAsync(Campaign, Ben, "yemen-crisis", ReferralConversion.Vote, Friend));

        Assert.Equal([true, false, false, false, false, true, true, true], counted);
        Assert.Equal(
            [new ReferralCounts(Anna, "yemen-crisis", 0, 2, 1), new ReferralCounts(Ben, "yemen-crisis", 0, 1, 0)],
            await Store.GetCountsAsync(Campaign));
    }

    [StoreFact]
    public async Task OnePersonConvertingFromManyRequestsAtOnceCountsOnce()
    {
        // Separate stores over the same database, each opened on its own, as the person's many chats on several instances are.
        var instances = Enumerable.Range(0, 4).Select(_ => Database.ReopenedReferralStore(TimeProvider.System)).ToList();
        var counted = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            instances[i % instances.Count].RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend))));

        Assert.Single(counted, c => c);
        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 0, 1, 0)], await Store.GetCountsAsync(Campaign));
    }

    [StoreFact]
    public async Task CodesThatWereNeverIssuedStoreNothing()
    {
        var random = new Random(20261126);
        var codes = Enumerable.Range(0, 100)
            .Select(_ => new string(Enumerable.Range(0, 10).Select(_ => "abcdefghijkmnpqrstuvwxyz23456789"[random.Next(32)]).ToArray()))
            .Where(code => code is not (Anna or Ben))
            .ToList();

        foreach (var code in codes)
        {
            Assert.False(await Store.RecordVisitAsync(Campaign, code, "yemen-crisis"));
            Assert.False(await Store.RecordConversionAsync(Campaign, code, "yemen-crisis", ReferralConversion.Vote, Friend));
            Assert.False(await Store.RecordConversionAsync(Campaign, code, "yemen-crisis", ReferralConversion.Pledge, Friend));
        }

        // A code issued for another campaign is not issued for this one.
        await Store.RecordIssuedCodeAsync("another-campaign", "wxyz234567");
        Assert.False(await Store.RecordVisitAsync(Campaign, "wxyz234567", "yemen-crisis"));

        Assert.Empty(await Store.GetCountsAsync(Campaign));
        Assert.Equal(0L, await CountRowsAsync("referral_counts"));
        Assert.Equal(0L, await CountRowsAsync("referral_conversions"));
    }

    [StoreFact]
    public async Task AnIssuedCodeIsKeptOnceWithTheDayItWasFirstIssued()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
        var timed = Database.ReferralStore(clock);
        await timed.RecordIssuedCodeAsync(Campaign, "wxyz234567");
        clock.Advance(TimeSpan.FromDays(3));
        await timed.RecordIssuedCodeAsync(Campaign, "wxyz234567");

        await using var connection = await Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(issued_on AS text) FROM referral_codes WHERE referral_code = 'wxyz234567'";
        Assert.Equal("2025-03-14", await command.ExecuteScalarAsync());
        Assert.True(await timed.RecordVisitAsync(Campaign, "wxyz234567", "yemen-crisis"));
    }

    [StoreFact]
    public async Task ForgettingAPersonDeletesTheirConversionsInEveryCampaignAndKeepsTheCounts()
    {
        await Store.RecordIssuedCodeAsync("another-campaign", Anna);
        await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);
        await Store.RecordConversionAsync(Campaign, Ben, "yemen-crisis", ReferralConversion.Pledge, Friend);
        await Store.RecordConversionAsync("another-campaign", Anna, "yemen-crisis", ReferralConversion.Vote, Friend);
        await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, OtherFriend);
        await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, ThirdFriend);
        var countsBefore = await Store.GetCountsAsync(Campaign);

        await Store.ForgetPersonAsync(Friend);

        Assert.Equal(countsBefore, await Store.GetCountsAsync(Campaign));
        Assert.Equal(0L, await CountRowsAsync("referral_conversions", $"person_key = '{Friend}'"));
        Assert.Equal(2L, await CountRowsAsync("referral_conversions"));
        await Store.ForgetPersonAsync("a-person-never-counted");
        Assert.Equal(2L, await CountRowsAsync("referral_conversions"));
    }

    private Task<long> CountRowsAsync(string table, string where = "1 = 1") => Database.CountAsync($"SELECT count(*) FROM {table} WHERE {where}");
}
