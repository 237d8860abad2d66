using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteReferralStoreTests : IAsyncLifetime
{
    private const string Campaign = "stand-with-them";

    // Two sharers' codes, issued before each test, and three people their links bring.
    private const string Anna = "abcdefghij";
    private const string Ben = "kmnpqrstuv";
    private const string Friend = "person-key-of-a-friend";
    private const string OtherFriend = "person-key-of-another-friend";
    private const string ThirdFriend = "person-key-of-a-third-friend";

    private readonly TempDatabase temp = new();
    private readonly SqliteReferralStore store;

    public SqliteReferralStoreTests()
    {
        store = new SqliteReferralStore(temp.Database, TimeProvider.System);
    }

    [Fact]
    public async Task VisitsVotesAndPledgesAreCountedPerCodeAndCause()
    {
        await store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await store.RecordVisitAsync(Campaign, Anna, "protecting-innocence");
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);
        await store.RecordConversionAsync(Campaign, Anna, "protecting-innocence", ReferralConversion.Pledge, Friend);
        await store.RecordConversionAsync(Campaign, Ben, "yemen-crisis", ReferralConversion.Vote, Friend);

        var counts = await store.GetCountsAsync(Campaign);

        Assert.Equal(
            [
                new ReferralCounts(Anna, "protecting-innocence", 1, 0, 1),
                new ReferralCounts(Anna, "yemen-crisis", 2, 1, 0),
                new ReferralCounts(Ben, "yemen-crisis", 0, 1, 0),
            ],
            counts);
    }

    [Fact]
    public async Task ACampaignSeesOnlyItsOwnCounts()
    {
        await store.RecordIssuedCodeAsync("another-campaign", Anna);
        await store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await store.RecordVisitAsync("another-campaign", Anna, "yemen-crisis");

        Assert.Single(await store.GetCountsAsync(Campaign));
        Assert.Empty(await store.GetCountsAsync("no-such-campaign"));
    }

    [Fact]
    public async Task TheCountsAreStillThereAfterTheDatabaseIsReopened()
    {
        await store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);

        var reopened = new SqliteReferralStore(temp.Reopen(), TimeProvider.System);
        await reopened.RecordVisitAsync(Campaign, Anna, "yemen-crisis");

        await reopened.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);

        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 2, 1, 0)], await reopened.GetCountsAsync(Campaign));
    }

    [Fact]
    public async Task ConcurrentVisitsAreCountedExactly()
    {
        // Separate store instances over the same file, as several requests of the host are.
        const int visits = 200;
        await Task.WhenAll(Enumerable.Range(0, visits).Select(i => Task.Run(() =>
            new SqliteReferralStore(new SqliteDatabase(temp.File), TimeProvider.System)
                .RecordVisitAsync(Campaign, i % 2 == 0 ? Anna : Ben, "yemen-crisis"))));

        var counts = await store.GetCountsAsync(Campaign);

        Assert.Equal(visits / 2, counts.Single(c => c.Code == Anna).Visits);
        Assert.Equal(visits / 2, counts.Single(c => c.Code == Ben).Visits);
    }

    [Fact]
    public async Task ConcurrentVisitsAndConversionsOfOneRowAreAllKept()
    {
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => (i % 3) switch
        {
            0 => store.RecordVisitAsync(Campaign, Anna, "yemen-crisis"),
            1 => store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, $"friend-{i}"),
            _ => store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, $"friend-{i}"),
        })));

        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 20, 20, 20)], await store.GetCountsAsync(Campaign));
    }

    [Fact]
    public async Task TheTableHoldsCodeCauseCountersAndTheDayOnlyNothingAboutAPerson()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
        var timed = new SqliteReferralStore(temp.Database, clock);
        await timed.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await timed.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, Friend);

        using var connection = temp.OpenRawConnection();
        Assert.Equal(
            ["campaign_id", "referral_code", "cause_id", "visits", "votes", "pledges", "updated_on"],
            await ColumnsAsync(connection, "referral_counts"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM referral_counts";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal([Campaign, Anna, "yemen-crisis", 1L, 0L, 1L, "2025-03-14"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task AVersionOneDatabaseGainsTheTablesAndKeepsItsVotes()
    {
        await new SqliteVoteStore(temp.Database, TimeProvider.System)
            .RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "request-1"));
        using (var connection = temp.OpenRawConnection())
        {
            await using var downgrade = connection.CreateCommand();
            // Version 1 came before recorded migrations, so its files have no schema_migrations either.
            downgrade.CommandText = "DROP TABLE referral_counts; DROP TABLE referral_codes; DROP TABLE referral_conversions; DROP TABLE schema_migrations; PRAGMA user_version = 1;";
            await downgrade.ExecuteNonQueryAsync();
        }

        var upgraded = temp.Reopen();
        var referrals = new SqliteReferralStore(upgraded, TimeProvider.System);
        await referrals.RecordIssuedCodeAsync(Campaign, Anna);
        await referrals.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await referrals.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);

        Assert.Equal(1, (await new SqliteVoteStore(upgraded, TimeProvider.System).GetTallyAsync(Campaign)).Total);
        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 1, 1, 0)], await referrals.GetCountsAsync(Campaign));
        await using var check = await upgraded.OpenAsync();
        await using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SqliteDatabase.SchemaVersion, await version.ExecuteScalarAsync());
    }

    [Fact]
    public async Task APersonCountsOncePerCodeAndKindHoweverOftenTheyConvert()
    {
        var counted = new List<bool>();
        foreach (var cause in new[] { "yemen-crisis", "yemen-crisis", "protecting-innocence", "yemen-crisis", "rohingya-refugees-india" })
        {
            counted.Add(await store.RecordConversionAsync(Campaign, Anna, cause, ReferralConversion.Vote, Friend));
        }

        counted.Add(await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, Friend));
        counted.Add(await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, OtherFriend));
        counted.Add(await store.RecordConversionAsync(Campaign, Ben, "yemen-crisis", ReferralConversion.Vote, Friend));

        Assert.Equal([true, false, false, false, false, true, true, true], counted);
        Assert.Equal(
            [new ReferralCounts(Anna, "yemen-crisis", 0, 2, 1), new ReferralCounts(Ben, "yemen-crisis", 0, 1, 0)],
            await store.GetCountsAsync(Campaign));
    }

    [Fact]
    public async Task OnePersonConvertingFromManyRequestsAtOnceCountsOnce()
    {
        // Separate store instances over the same file, as the person's many chats on the host are.
        var counted = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() =>
            new SqliteReferralStore(new SqliteDatabase(temp.File), TimeProvider.System)
                .RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend))));

        Assert.Single(counted, c => c);
        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 0, 1, 0)], await store.GetCountsAsync(Campaign));
    }

    [Fact]
    public async Task CodesThatWereNeverIssuedStoreNothing()
    {
        var random = new Random(20261126);
        var codes = Enumerable.Range(0, 100)
            .Select(_ => new string(Enumerable.Range(0, 10).Select(_ => "abcdefghijkmnpqrstuvwxyz23456789"[random.Next(32)]).ToArray()))
            .Where(code => code is not (Anna or Ben))
            .ToList();

        foreach (var code in codes)
        {
            Assert.False(await store.RecordVisitAsync(Campaign, code, "yemen-crisis"));
            Assert.False(await store.RecordConversionAsync(Campaign, code, "yemen-crisis", ReferralConversion.Vote, Friend));
            Assert.False(await store.RecordConversionAsync(Campaign, code, "yemen-crisis", ReferralConversion.Pledge, Friend));
        }

        // A code issued for another campaign is not issued for this one.
        await store.RecordIssuedCodeAsync("another-campaign", "wxyz234567");
        Assert.False(await store.RecordVisitAsync(Campaign, "wxyz234567", "yemen-crisis"));

        Assert.Empty(await store.GetCountsAsync(Campaign));
        Assert.Equal(0L, await CountRowsAsync("referral_counts"));
        Assert.Equal(0L, await CountRowsAsync("referral_conversions"));
    }

    [Fact]
    public async Task AnIssuedCodeIsKeptOnceWithTheDayItWasFirstIssued()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
        var timed = new SqliteReferralStore(temp.Database, clock);
        await timed.RecordIssuedCodeAsync(Campaign, "wxyz234567");
        clock.Advance(TimeSpan.FromDays(3));
        await timed.RecordIssuedCodeAsync(Campaign, "wxyz234567");

        using var connection = temp.OpenRawConnection();
        Assert.Equal(["campaign_id", "referral_code", "issued_on"], await ColumnsAsync(connection, "referral_codes"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT issued_on FROM referral_codes WHERE referral_code = 'wxyz234567'";
        Assert.Equal("2025-03-14", await command.ExecuteScalarAsync());
        Assert.True(await timed.RecordVisitAsync(Campaign, "wxyz234567", "yemen-crisis"));
    }

    [Fact]
    public async Task TheConversionsTableHoldsCodePersonKeyAndKindOnly()
    {
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, Friend);

        using var connection = temp.OpenRawConnection();
        Assert.Equal(["campaign_id", "referral_code", "person_key", "kind"], await ColumnsAsync(connection, "referral_conversions"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM referral_conversions";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal([Campaign, Anna, Friend, "pledge"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue));
    }

    [Fact]
    public async Task ForgettingAPersonDeletesTheirConversionsInEveryCampaignAndKeepsTheCounts()
    {
        await store.RecordIssuedCodeAsync("another-campaign", Anna);
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, Friend);
        await store.RecordConversionAsync(Campaign, Ben, "yemen-crisis", ReferralConversion.Pledge, Friend);
        await store.RecordConversionAsync("another-campaign", Anna, "yemen-crisis", ReferralConversion.Vote, Friend);
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, OtherFriend);
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, ThirdFriend);
        var countsBefore = await store.GetCountsAsync(Campaign);

        await store.ForgetPersonAsync(Friend);

        Assert.Equal(countsBefore, await store.GetCountsAsync(Campaign));
        Assert.Equal(0L, await CountRowsAsync("referral_conversions", $"person_key = '{Friend}'"));
        Assert.Equal(2L, await CountRowsAsync("referral_conversions"));
        await store.ForgetPersonAsync("a-person-never-counted");
        Assert.Equal(2L, await CountRowsAsync("referral_conversions"));
    }

    public async Task InitializeAsync()
    {
        await store.RecordIssuedCodeAsync(Campaign, Anna);
        await store.RecordIssuedCodeAsync(Campaign, Ben);
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    private async Task<long> CountRowsAsync(string table, string where = "1 = 1")
    {
        using var connection = temp.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE {where}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
