using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteReferralStoreTests : IDisposable
{
    private const string Campaign = "stand-with-them";
    private const string Anna = "abcdefghij";
    private const string Ben = "kmnpqrstuv";

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
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote);
        await store.RecordConversionAsync(Campaign, Anna, "protecting-innocence", ReferralConversion.Pledge);
        await store.RecordConversionAsync(Campaign, Ben, "yemen-crisis", ReferralConversion.Vote);

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
        await store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await store.RecordVisitAsync("another-campaign", Anna, "yemen-crisis");

        Assert.Single(await store.GetCountsAsync(Campaign));
        Assert.Empty(await store.GetCountsAsync("no-such-campaign"));
    }

    [Fact]
    public async Task TheCountsAreStillThereAfterTheDatabaseIsReopened()
    {
        await store.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote);

        var reopened = new SqliteReferralStore(temp.Reopen(), TimeProvider.System);
        await reopened.RecordVisitAsync(Campaign, Anna, "yemen-crisis");

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
            1 => store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote),
            _ => store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge),
        })));

        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 20, 20, 20)], await store.GetCountsAsync(Campaign));
    }

    [Fact]
    public async Task TheTableHoldsCodeCauseCountersAndTheDayOnlyNothingAboutAPerson()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
        var timed = new SqliteReferralStore(temp.Database, clock);
        await timed.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await timed.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge);

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
    public async Task AVersionOneDatabaseGainsTheTableAndKeepsItsVotes()
    {
        await new SqliteVoteStore(temp.Database, TimeProvider.System)
            .RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "request-1"));
        using (var connection = temp.OpenRawConnection())
        {
            await using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE referral_counts; PRAGMA user_version = 1;";
            await downgrade.ExecuteNonQueryAsync();
        }

        var upgraded = temp.Reopen();
        await new SqliteReferralStore(upgraded, TimeProvider.System).RecordVisitAsync(Campaign, Anna, "yemen-crisis");

        Assert.Equal(1, (await new SqliteVoteStore(upgraded, TimeProvider.System).GetTallyAsync(Campaign)).Total);
        Assert.Single(await new SqliteReferralStore(upgraded, TimeProvider.System).GetCountsAsync(Campaign));
        await using var check = await upgraded.OpenAsync();
        await using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SqliteDatabase.SchemaVersion, await version.ExecuteScalarAsync());
    }

    public void Dispose() => temp.Dispose();

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
