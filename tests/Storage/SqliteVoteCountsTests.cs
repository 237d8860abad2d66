using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteVoteCountsTests : VoteCountsTests
{
    private TempDatabase Temp => ((SqliteUnderTest)Database).Temp;

    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());

    [Fact]
    public async Task AFileFromBeforeTheCountsTableGetsItFilledFromItsVotesWhenOpened()
    {
        var votes = Database.VoteStore(TimeProvider.System);
        for (var i = 0; i < 30; i++)
        {
            await votes.RecordVoteAsync(new VoteRequest("stand-with-them", $"person-{i}", Causes[i % 3], $"request-{i}"));
        }

        // Files from before the counts table came before recorded migrations too.
        using (var connection = Temp.OpenRawConnection())
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = """
                DROP TRIGGER vote_counts_after_insert; DROP TRIGGER vote_counts_after_delete; DROP TRIGGER vote_counts_after_update;
                DROP TABLE vote_counts;
                DROP TABLE schema_migrations;
                """;
            drop.ExecuteNonQuery();
        }

        var reopened = Database.ReopenedVoteStore(TimeProvider.System);
        await reopened.RecordVoteAsync(new VoteRequest("stand-with-them", "late", Causes[3], "request-late"));

        var tally = await reopened.GetTallyAsync("stand-with-them");
        Assert.Equal(new Dictionary<string, int> { [Causes[0]] = 10, [Causes[1]] = 10, [Causes[2]] = 10, [Causes[3]] = 1 }, tally.VotesByCause);
    }
}
