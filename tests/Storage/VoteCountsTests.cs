using Microsoft.Data.Sqlite;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The tally is read from a table of counts kept by triggers: it always says what counting every vote says.</summary>
public sealed class VoteCountsTests : IDisposable
{
    private static readonly string[] Causes = ["protecting-innocence", "burundi-refugees-tanzania", "yemen-crisis", "rohingya-refugees-india"];
    private readonly TempDatabase temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task VotesChangesAndErasuresInAnyOrderLeaveTheTallyEqualToCountingTheVotes()
    {
        var votes = new SqliteVoteStore(temp.Database, TimeProvider.System);
        var random = new Random(20261126);
        for (var step = 0; step < 400; step++)
        {
            var campaign = random.Next(4) == 0 ? "other-campaign" : "stand-with-them";
            var person = $"person-{random.Next(60)}";
            if (random.Next(6) == 0)
            {
                // Behind the stores' backs, as an erasure, a tool or an older bot would.
                using var connection = temp.OpenRawConnection();
                using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM votes WHERE campaign_id = $campaign AND person_key = $person";
                delete.Parameters.AddWithValue("$campaign", campaign);
                delete.Parameters.AddWithValue("$person", person);
                delete.ExecuteNonQuery();
            }
            else
            {
                await votes.RecordVoteAsync(new VoteRequest(campaign, person, Causes[random.Next(Causes.Length)], $"request-{step}"));
            }
        }

        foreach (var campaign in new[] { "stand-with-them", "other-campaign" })
        {
            Assert.Equal(CountEveryVote(campaign), (await votes.GetTallyAsync(campaign)).VotesByCause);
        }
    }

    [Fact]
    public async Task AFileFromBeforeTheCountsTableGetsItFilledFromItsVotesWhenOpened()
    {
        var votes = new SqliteVoteStore(temp.Database, TimeProvider.System);
        for (var i = 0; i < 30; i++)
        {
            await votes.RecordVoteAsync(new VoteRequest("stand-with-them", $"person-{i}", Causes[i % 3], $"request-{i}"));
        }

        using (var connection = temp.OpenRawConnection())
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = """
                DROP TRIGGER vote_counts_after_insert; DROP TRIGGER vote_counts_after_delete; DROP TRIGGER vote_counts_after_update;
                DROP TABLE vote_counts;
                """;
            drop.ExecuteNonQuery();
        }

        var reopened = new SqliteVoteStore(temp.Reopen(), TimeProvider.System);
        await reopened.RecordVoteAsync(new VoteRequest("stand-with-them", "late", Causes[3], "request-late"));

        var tally = await reopened.GetTallyAsync("stand-with-them");
        Assert.Equal(new Dictionary<string, int> { [Causes[0]] = 10, [Causes[1]] = 10, [Causes[2]] = 10, [Causes[3]] = 1 }, tally.VotesByCause);
    }

    private Dictionary<string, int> CountEveryVote(string campaign)
    {
        SqliteConnection.ClearAllPools();
        using var connection = temp.OpenRawConnection();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT cause_id, count(*) FROM votes WHERE campaign_id = $campaign GROUP BY cause_id";
        count.Parameters.AddWithValue("$campaign", campaign);
        using var reader = count.ExecuteReader();
        var counts = new Dictionary<string, int>();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }
}
