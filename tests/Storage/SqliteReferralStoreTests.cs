using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteReferralStoreTests : ReferralStoreTests
{
    private readonly SqliteUnderTest sqlite = new();

    private TempDatabase Temp => sqlite.Temp;

    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(sqlite);

    [Fact]
    public async Task TheTableHoldsCodeCauseCountersAndTheDayOnlyNothingAboutAPerson()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
        var timed = Database.ReferralStore(clock);
        await timed.RecordVisitAsync(Campaign, Anna, "yemen-crisis");
        await timed.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, Friend);

        using var connection = Temp.OpenRawConnection();
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
        await new SqliteVoteStore(Temp.Database, TimeProvider.System)
            .RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "request-1"));
        using (var connection = Temp.OpenRawConnection())
        {
            await using var downgrade = connection.CreateCommand();
            // Version 1 came before recorded migrations, so its files have no schema_migrations either.
            downgrade.CommandText = "DROP TABLE referral_counts; DROP TABLE referral_codes; DROP TABLE referral_conversions; DROP TABLE schema_migrations; PRAGMA user_version = 1;";
            await downgrade.ExecuteNonQueryAsync();
        }

        var upgraded = Temp.Reopen();
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
    public async Task TheConversionsTableHoldsCodePersonKeyAndKindOnly()
    {
        await Store.RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, Friend);

        using var connection = Temp.OpenRawConnection();
        Assert.Equal(["campaign_id", "referral_code", "person_key", "kind"], await ColumnsAsync(connection, "referral_conversions"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM referral_conversions";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal([Campaign, Anna, Friend, "pledge"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue));
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
